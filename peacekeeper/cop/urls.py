from django.urls import path

app_name = "cop"
urlpatterns: list = []
