namespace BookedBarber.Payments.Security;

/// <summary>The authenticated user behind a request, as the bearer token describes them.</summary>
public sealed record Caller(int UserId, string? Email, string Role, IReadOnlySet<string> Permissions, int? ShopId)
{
    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>A permission counts only when the token grants it and the role may hold it.</summary>
    public bool Has(string permission) => Permissions.Contains(permission) && Security.Permissions.RoleMayHold(Role, permission);
}
