using Microsoft.AspNetCore.Cors.Infrastructure;
using MusicSite.Web.Api;

namespace MusicSite.Web.Hosting;

/// <summary>
/// CORS for the API: none by default, so no other site's script can read an API answer. <c>Cors:AllowedOrigins</c>
/// (a list, or one comma-separated value) opens /api to exactly those origins, for callers with a bearer token:
/// credentials are not allowed, and a cookie-signed change from another origin is refused by SameOriginGuard anyway.
/// </summary>
public static class CrossOrigin
{
    public const string SectionName = "Cors:AllowedOrigins";

    /// <summary>The response headers a tus client and a paging client on another origin need to read.</summary>
    private static readonly string[] ExposedHeaders =
        ["Location", "Retry-After", "Upload-Offset", "Upload-Length", "Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size"];

    public static string[] AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var values = section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(o => o.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public static IServiceCollection AddMusicSiteCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        services.AddCors(options => options.AddDefaultPolicy(policy => Configure(policy, origins)));
        return services;
    }

    /// <summary>Only when origins are listed; otherwise no CORS answer is ever written.</summary>
    public static IApplicationBuilder UseMusicSiteCors(this IApplicationBuilder app, IConfiguration configuration) =>
        AllowedOrigins(configuration).Length == 0
            ? app
            : app.UseWhen(context => ApiProblems.IsApiRequest(context.Request), api => api.UseCors());

    private static void Configure(CorsPolicyBuilder policy, string[] origins) =>
        policy.WithOrigins(origins).AllowAnyMethod().AllowAnyHeader().WithExposedHeaders(ExposedHeaders);
}
