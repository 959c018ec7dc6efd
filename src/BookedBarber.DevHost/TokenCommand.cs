using System.Globalization;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Security;

namespace BookedBarber.DevHost;

/// <summary>
/// <c>token --sub N --role ROLE [--perm P ...] [--shop S] [--ttl SECONDS]</c>: prints, as its last line, a JWT
/// the dev host accepts (same issuer, audience and key). Without --perm the role's default permissions apply.
/// </summary>
public static class TokenCommand
{
    public const string Usage = "usage: ./dev.sh token --sub N --role barber|shop_owner|enterprise_owner|admin [--perm P ...] [--shop S] [--ttl SECONDS]";

    public static int Run(string[] args, DevHostOptions options, IConfiguration environment)
    {
        int? sub = null, shop = null;
        string? role = null;
        var ttl = TimeSpan.FromHours(24);
        List<string>? permissions = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--sub": sub = PositiveInt(Next(), "--sub"); break;
                case "--role": role = Next(); break;
                case "--perm": (permissions ??= []).Add(Next()); break;
                case "--shop": shop = PositiveInt(Next(), "--shop"); break;
                case "--ttl": ttl = TimeSpan.FromSeconds(PositiveInt(Next(), "--ttl")); break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (sub is null || role is null) throw new ArgumentException("--sub and --role are required.");
        if (!Roles.All.Contains(role)) throw new ArgumentException($"Unknown role {role}; use one of {string.Join(", ", Roles.All)}.");
        foreach (var p in permissions ?? [])
            if (!Permissions.All.Contains(p)) throw new ArgumentException($"Unknown permission {p}; use one of {string.Join(", ", Permissions.All)}.");

        var maxLifetime = PaymentsSettings.Seconds(environment[SettingNames.AuthMaxTokenLifetime] is { Length: > 0 } max ? max : null, SettingNames.AuthMaxTokenLifetime)
            ?? AuthSettings.DefaultMaxTokenLifetime;
        // The API refuses a token that lives longer than its maximum; say so here rather than mint a useless one.
        if (ttl > maxLifetime) throw new ArgumentException($"--ttl may not exceed {SettingNames.AuthMaxTokenLifetime} ({maxLifetime.TotalSeconds:0} seconds).");

        Console.WriteLine(Issuer(options, environment).Issue(sub.Value, role, permissions, shop, ttl));
        return 0;
    }

    /// <summary>An issuer of tokens the dev host accepts (same issuer, audience and key).</summary>
    public static TokenIssuer Issuer(DevHostOptions options, IConfiguration environment)
    {
        var key = environment[SettingNames.AuthSigningKey] is { Length: > 0 } configured ? configured : DevSecrets.LoadOrCreate(options.DataDirectory);
        var auth = new AuthSettings(
            environment[SettingNames.AuthIssuer] is { Length: > 0 } issuer ? issuer : PaymentsSettings.DefaultIssuer,
            environment[SettingNames.AuthAudience] is { Length: > 0 } audience ? audience : PaymentsSettings.DefaultAudience,
            PaymentsSettings.DecodeKey(key), null);
        return new TokenIssuer(auth, TimeProvider.System);
    }

    private static int PositiveInt(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{option} must be a positive integer.");
}
