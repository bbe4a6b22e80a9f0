app_name = "posture"
urlpatterns: list = []
