using BookedBarber.Payments.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace BookedBarber.Payments.Http;

/// <summary>Matches request paths against the endpoint catalog, under the prefix host.json gives (<c>api/v1</c>).</summary>
public sealed class RouteTable
{
    public const string Prefix = "api/v1";

    private readonly (EndpointEntry Entry, TemplateMatcher Matcher)[] _routes;
    private readonly Dictionary<string, (EndpointEntry Entry, TemplateMatcher Matcher)> _byName;

    public RouteTable(IEnumerable<EndpointEntry> endpoints)
    {
        _routes = endpoints.Select(e => (e, new TemplateMatcher(TemplateParser.Parse(Prefix + "/" + e.Route), new RouteValueDictionary()))).ToArray();
        _byName = _routes.ToDictionary(r => r.Entry.Name, StringComparer.Ordinal);
    }

    public IEnumerable<EndpointEntry> Endpoints => _routes.Select(r => r.Entry);

    /// <summary>The entry for this path and method; or, when the path exists for other methods, those methods.</summary>
    public RouteMatch Match(string path, string method)
    {
        // HEAD is GET without the body (the dispatcher discards it), so load balancers can probe any GET.
        var wanted = HttpMethods.IsHead(method) ? HttpMethods.Get : method;
        List<string>? allowed = null;
        foreach (var (entry, matcher) in _routes)
        {
            var values = new RouteValueDictionary();
            if (!matcher.TryMatch(path, values)) continue;
            if (string.Equals(entry.Method, wanted, StringComparison.OrdinalIgnoreCase)) return new RouteMatch(entry, values, []);
            (allowed ??= []).Add(entry.Method);
        }
        if (allowed is null) return new RouteMatch(null, null, []);
        if (allowed.Contains(HttpMethods.Get)) allowed.Insert(allowed.IndexOf(HttpMethods.Get) + 1, HttpMethods.Head);
        allowed.Add(HttpMethods.Options);
        return new RouteMatch(null, null, allowed);
    }

    /// <summary>Route values of a request that a host has already routed to a named endpoint (the Functions app).</summary>
    public RouteMatch MatchNamed(string name, string path)
    {
        if (!_byName.TryGetValue(name, out var route)) throw new ArgumentException($"No endpoint named {name} in the catalog.", nameof(name));
        var values = new RouteValueDictionary();
        return route.Matcher.TryMatch(path, values) ? new RouteMatch(route.Entry, values, []) : new RouteMatch(route.Entry, new RouteValueDictionary(), []);
    }
}
