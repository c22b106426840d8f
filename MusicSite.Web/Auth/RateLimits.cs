using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Hosting;
using MusicSite.Web.Api;

namespace MusicSite.Web.Auth;

/// <summary>
/// The named rate-limit policies: each one budget, set in the RateLimits section, 0 meaning off. The account
/// policy counts per client address only, whatever token comes with the request; the per-email half of the
/// account limits is <see cref="AccountThrottle"/>. The others count per signed-in user, else per address.
/// </summary>
public static class RateLimits
{
    /// <summary>Account form posts: sign-in, registration, password reset, confirmation.</summary>
    public const string Account = "account";
    /// <summary>Track uploads: form, API and the creation of a resumable upload.</summary>
    public const string Uploads = "uploads";
    /// <summary>Catalog listings and searches.</summary>
    public const string Search = "search";
    /// <summary>Creating, changing and deleting anything but a track upload.</summary>
    public const string Edits = "edits";
    /// <summary>Every other read of the catalog, API and pages.</summary>
    public const string Reads = "reads";
    /// <summary>Contact messages, form and API: per client address, signed in or not (decision 0033).</summary>
    public const string Contact = "contact";

    public static IServiceCollection AddMusicSiteRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            // The framework's default is 503; a client that is going too fast should be told so.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Account, context => Partition(context, Account, byUser: false,
                counts: HttpMethods.IsPost(context.Request.Method),
                s => (s.AccountPermitLimit, TimeSpan.FromSeconds(s.AccountWindowSeconds))));
            options.AddPolicy(Uploads, context => Partition(context, Uploads, byUser: true, counts: IsUploadStart(context.Request),
                s => (s.UploadsPerHour, TimeSpan.FromHours(1))));
            options.AddPolicy(Search, context => Partition(context, Search, byUser: true, counts: IsRead(context.Request),
                s => (s.SearchesPerMinute, TimeSpan.FromMinutes(1))));
            options.AddPolicy(Edits, context => Partition(context, Edits, byUser: true, counts: !IsRead(context.Request),
                s => (s.EditsPerMinute, TimeSpan.FromMinutes(1))));
            options.AddPolicy(Contact, context => Partition(context, Contact, byUser: false, counts: HttpMethods.IsPost(context.Request.Method),
                s => (s.ContactPerHour, TimeSpan.FromHours(1))));
            options.AddPolicy(Reads, context => Partition(context, Reads, byUser: true, counts: IsRead(context.Request),
                s => (s.ReadsPerMinute, TimeSpan.FromMinutes(1))));
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string budget, bool byUser, bool counts,
        Func<RateLimitSettings, (int Limit, TimeSpan Window)> pick)
    {
        var (limit, window) = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value);
        if (!counts || limit <= 0 || window <= TimeSpan.Zero)
        {
            return RateLimitPartition.GetNoLimiter(budget + ":free");
        }
        var key = byUser && context.User.UserId() is { } id
            ? "user:" + id.ToString(CultureInfo.InvariantCulture)
            : "ip:" + ClientAddress.Of(context);
        return RateLimitPartition.GetFixedWindowLimiter(budget + ":" + key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
        });
    }

    private static bool IsRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);

    // A JSON post of tracks finishes a resumable upload, which was counted when it was created.
    private static bool IsUploadStart(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true;

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        if (ApiProblems.IsApiRequest(http.Request))
        {
            await TooManyRequests.ForApi(http, wait).ExecuteAsync(http);
            return;
        }
        await TooManyRequests.WritePageAsync(http, wait, cancellationToken);
    }
}
