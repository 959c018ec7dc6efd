
namespace BookedBarber.Payments.Routing;

public enum PaymentMode { Centralized, Decentralized, Hybrid }
