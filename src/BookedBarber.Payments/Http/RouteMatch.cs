using BookedBarber.Payments.Catalog;
using Microsoft.AspNetCore.Routing;

namespace BookedBarber.Payments.Http;

public sealed record RouteMatch(EndpointEntry? Entry, RouteValueDictionary? Values, IReadOnlyList<string> AllowedMethods);
