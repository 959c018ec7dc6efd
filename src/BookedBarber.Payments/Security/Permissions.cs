namespace BookedBarber.Payments.Security;

/// <summary>The API reference's permissions and which roles may hold each.</summary>
public static class Permissions
{
    public const string PaymentWrite = "payment:write";
    public const string PaymentRead = "payment:read";
    public const string ConnectionWrite = "connection:write";
    public const string CollectionRead = "collection:read";
    public const string AnalyticsRead = "analytics:read";
    public const string AdminWrite = "admin:write";

    public static readonly IReadOnlyList<string> All =
        [PaymentWrite, PaymentRead, ConnectionWrite, CollectionRead, AnalyticsRead, AdminWrite];

    private static readonly string[] OwnerPermissions =
        [PaymentWrite, PaymentRead, ConnectionWrite, CollectionRead, AnalyticsRead];

    /// <summary>
    /// The permissions a role holds by default, and the most it may ever hold. The reference's table grants
    /// admin only analytics:read and admin:write, but its role list gives admin "full access to all payment
    /// data", so admin holds every permission.
    /// </summary>
    public static IReadOnlyList<string> ForRole(string role) => role switch
    {
        Roles.Barber or Roles.ShopOwner or Roles.EnterpriseOwner => OwnerPermissions,
        Roles.Admin => All,
        _ => [],
    };

    public static bool RoleMayHold(string role, string permission) => ForRole(role).Contains(permission);
}
