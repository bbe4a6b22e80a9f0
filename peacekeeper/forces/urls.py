app_name = "forces"
urlpatterns: list = []
