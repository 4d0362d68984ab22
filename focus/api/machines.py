"""What search engines and other machines read: sitemap.xml and robots.txt."""

urlpatterns: list = []
