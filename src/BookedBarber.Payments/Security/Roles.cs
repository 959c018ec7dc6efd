namespace BookedBarber.Payments.Security;

public static class Roles
{
    public const string Barber = "barber";
    public const string ShopOwner = "shop_owner";
    public const string EnterpriseOwner = "enterprise_owner";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Barber, ShopOwner, EnterpriseOwner, Admin];
}
