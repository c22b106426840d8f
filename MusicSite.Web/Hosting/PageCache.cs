using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;

namespace MusicSite.Web.Hosting;

/// <summary>Settings bound from "OutputCache": the cache of anonymous public pages (decision 0045).</summary>
public sealed class PageCacheOptions
{
    public const string SectionName = "OutputCache";

    /// <summary>On by default; <c>OutputCache__Enabled=false</c> takes the cache out of the pipeline (the catalog
    /// benchmark measures the pages without it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a cached page lives. A change on this node makes it unreachable at once whatever this is;
    /// this bounds what another node sharing the database can show after a change it did not make.</summary>
    public int DurationSeconds { get; set; } = 10;

    /// <summary>How much page text the cache may hold, in megabytes; the least recently used goes first.</summary>
    public int SizeLimitMegabytes { get; set; } = 64;
}

/// <summary>
/// Marks a page whose anonymous answer may be cached: it shows an anonymous visitor nothing of their own (no form token,
/// no cookie), only what the address and the database say. <see cref="Zoned"/> pages also show times in the visitor's
/// zone, which may come from a cookie, so their cache varies by it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CachedPageAttribute : Attribute
{
    public bool Zoned { get; init; }
}

/// <summary>
/// Wires the page cache: ASP.NET Core output caching with one base policy (<see cref="AnonymousPagePolicy"/>) that acts
/// only on endpoints marked <see cref="CachedPageAttribute"/>, and a mark on every request that made a form token.
/// </summary>
public static class PageCache
{
    /// <summary>The header a page answered from the cache carries (its value: "hit").</summary>
    public const string Header = "X-Page-Cache";

    public static PageCacheOptions Read(IConfiguration configuration) =>
        configuration.GetSection(PageCacheOptions.SectionName).Get<PageCacheOptions>() ?? new PageCacheOptions();

    public static IServiceCollection AddMusicSitePageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = Read(configuration);
        services.AddSingleton(settings);
        services.AddOutputCache(options =>
        {
            // Exact paths: a page links back to the address it was asked with (sign-in return addresses).
            options.UseCaseSensitivePaths = true;
            options.SizeLimit = Math.Max(1, settings.SizeLimitMegabytes) * 1024L * 1024L;
            options.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(Math.Max(1, settings.DurationSeconds));
            options.AddBasePolicy(new AnonymousPagePolicy(settings));
        });
        FormTokenMark.Decorate(services);
        return services;
    }

    /// <summary>Last in the pipeline, after authentication, rate limits and antiforgery, so everything in front of it
    /// applies to a cached answer as to a rendered one; the cache only saves the rendering.</summary>
    public static IApplicationBuilder UseMusicSitePageCache(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<PageCacheOptions>().Enabled ? app.UseOutputCache() : app;
}

/// <summary>
/// Wraps the antiforgery service so that a request which made (or stored) a form token says so: such a page holds a
/// token bound to its visitor's cookie, and <see cref="AnonymousPagePolicy"/> never stores it.
/// </summary>
internal sealed class FormTokenMark(IAntiforgery inner) : IAntiforgery
{
    private static readonly object Key = new();

    public static bool Made(HttpContext context) => context.Items.ContainsKey(Key);

    public static void Decorate(IServiceCollection services)
    {
        services.AddAntiforgery();
        var original = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(IAntiforgery), sp => new FormTokenMark(Create(sp, original)), original.Lifetime));
    }

    private static IAntiforgery Create(IServiceProvider services, ServiceDescriptor original) =>
        original.ImplementationInstance as IAntiforgery
        ?? original.ImplementationFactory?.Invoke(services) as IAntiforgery
        ?? (IAntiforgery)ActivatorUtilities.CreateInstance(services, original.ImplementationType!);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        Mark(httpContext);
        return inner.GetAndStoreTokens(httpContext);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext)
    {
        Mark(httpContext);
        return inner.GetTokens(httpContext);
    }

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext)
    {
        Mark(httpContext);
        inner.SetCookieTokenAndHeader(httpContext);
    }

    private static void Mark(HttpContext context) => context.Items[Key] = true;
}
