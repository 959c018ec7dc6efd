
namespace BookedBarber.Payments.Docs;

/// <summary>One file of the reference page, plain and gzipped, and its content type.</summary>
public sealed record Asset(byte[] Content, byte[] Gzipped, string ContentType);
