using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Hosting;
using MusicSite.Web.Api;

namespace MusicSite.Web.Auth;

public static class RateLimits
{
    public const string Login = "login";

    public static IServiceCollection AddMusicSiteRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            // The framework's default is 503; a client that is going too fast should be told so.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, LoginPolicy>(Login);
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>Counts sign-in attempts (POSTs only) per signed-in user, else per client address.</summary>
    private sealed class LoginPolicy(IOptions<RateLimitSettings> settings) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext context)
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }
            var key = context.User.UserId() is { } id
                ? "user:" + id.ToString(CultureInfo.InvariantCulture)
                : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            var limits = settings.Value;
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.LoginPermitLimit,
                Window = TimeSpan.FromSeconds(limits.LoginWindowSeconds),
                QueueLimit = 0,
            });
        }
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? (int)Math.Ceiling(wait.TotalSeconds)
            : 60;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        const string title = "Too many attempts.";
        var detail = $"Wait {retryAfter} seconds, then try again.";

        if (ApiProblems.IsApiRequest(http.Request))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = title, Detail = detail },
            });
            return;
        }
        await ErrorPage.WriteAsync(http, title, detail, cancellationToken);
    }
}
