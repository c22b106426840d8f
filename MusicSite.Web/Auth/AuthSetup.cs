using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using MusicSite.Accounts;
using MusicSite.Data;
using MusicSite.Web.Api;

namespace MusicSite.Web.Auth;

public static class AuthSetup
{
    /// <summary>Chooses the cookie or the bearer token for each request.</summary>
    public const string Scheme = "MusicSite";

    /// <summary>The sign-in cookie's name (the handler may split a large one into numbered chunks after it).</summary>
    public const string CookieName = "musicsite.auth";

    public static IServiceCollection AddMusicSiteAuth(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole<int>>(IdentityPolicy.Apply)
            .AddEntityFrameworkStores<MusicSiteDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultAuthenticateScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    HasBearerToken(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.RefreshTokenExpiration = TimeSpan.FromDays(14);
            });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/error/403";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.Events = new CookieAuthenticationEvents
            {
                // API callers get status codes, never a redirect to the login page.
                OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized),
                // A signed-in visitor who may not open a page gets its 403 status with the error page (re-executed by
                // the status-code pages), not a redirect that would answer 302 and lose the address they asked for.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });

        // A lock, a role change or a delete by an admin changes the security stamp; signed-in cookies notice within a
        // minute (bearer tokens stop at their refresh, at most an hour).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorization(Policies.Add);
        services.AddCascadingAuthenticationState();
        services.AddScoped<IAccountLinks, AccountLinks>();
        services.AddScoped<SignInFlow>();
        return services;
    }

    /// <summary>The request authenticates with a bearer token; otherwise the sign-in cookie is what counts.</summary>
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiProblems.IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
