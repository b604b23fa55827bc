import pytest


@pytest.mark.django_db
def test_pages(client, library, reference_factory, areas):
    refs = [reference_factory() for _ in range(3)]
    refs[0].areas.add(areas["health"])
    for lang in ("en", "it"):
        r = client.get(library[lang].url + "?q=kindness&area=health&sort=title&year_from=abc")
        print(r.status_code, r.content.decode()[-3000:] if r.status_code != 200 else "")
        assert r.status_code == 200
        r = client.get(library[lang].url + refs[0].slug + "/")
        assert r.status_code == 200, r.content.decode()[:3000]
    print(r.content.decode()[:6000])
