using BookedBarber.Payments.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace BookedBarber.Payments.Http;

public sealed record RouteMatch(EndpointEntry? Entry, RouteValueDictionary? Values, IReadOnlyList<string> AllowedMethods);
