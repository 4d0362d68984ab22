from django.http import HttpResponse


def _todo(request, *args, **kwargs):  # replaced in the next commit
    return HttpResponse(status=501)


standards = framework = criterion = standard = assessment = compare = _todo
recommendations = recommendation = good_practices = _todo
