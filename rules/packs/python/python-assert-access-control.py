def delete_user(request, user_id):
    # ruleid: python-assert-access-control
    assert request.user.is_superuser
    # ruleid: python-assert-access-control
    assert request.user.has_perm("accounts.delete_user"), "not allowed"
    # ok: python-assert-access-control
    assert isinstance(user_id, int)
    if not request.user.is_staff:
        # ok: python-assert-access-control
        raise PermissionError("staff only")
    return user_id
