using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MusicSite.Accounts;

/// <summary>Puts the display name and the email-confirmed flag in the sign-in, so every page can show
/// them without a database query.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<int>> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<AppUser, IdentityRole<int>>(users, roles, options)
{
    public const string DisplayNameClaim = "musicsite:display_name";
    public const string EmailConfirmedClaim = "musicsite:email_confirmed";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(EmailConfirmedClaim, user.EmailConfirmed ? "true" : "false"));
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(AppClaimsFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? "";

    public static bool HasConfirmedEmail(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(AppClaimsFactory.EmailConfirmedClaim) == "true";

    /// <summary>Who is asking, for the rules of who may see and do what: anonymous, a user, an artist or an admin.</summary>
    public static Catalog.Viewer AsViewer(this ClaimsPrincipal principal) =>
        principal.UserId() is { } id
            ? new Catalog.Viewer(id, principal.IsInRole(Roles.Admin), principal.IsInRole(Roles.Artist))
            : Catalog.Viewer.Anonymous;
}
