using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Catalog;

/// <summary>The handler of a contract route whose capability has not landed: 501 in the envelope, never a fake body.</summary>
public static class NotYetShipped
{
    public static readonly Func<ApiCall, Task<IResult>> Handler = call =>
        throw new ApiException(501, ErrorCodes.NotImplemented,
            $"{call.Endpoint.Method} /{call.Endpoint.Route} is part of the API but has not shipped yet.",
            new Dictionary<string, object?> { ["endpoint"] = call.Endpoint.Name });
}
