def test_household_list_renders(login, case_worker, client):
    from tests.factories import household_with_members

    household_with_members(case_worker)
    response = login(case_worker).get("/households/")
    assert response.status_code == 200
    assert b"HH-" in response.content
