
namespace BookedBarber.Payments.Routing;

public enum ClientPreference { Platform, External }
