
namespace BookedBarber.Payments.Catalog;

/// <summary>A query-string parameter, for validation and the OpenAPI document.</summary>
public sealed record QueryParameter(string Name, string Type, string Description, string? Default = null);
