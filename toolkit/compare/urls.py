app_name = "compare"

urlpatterns = []
