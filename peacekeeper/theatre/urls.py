from django.urls import path

app_name = "theatre"
urlpatterns: list = []
