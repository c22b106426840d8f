using Microsoft.AspNetCore.Authorization;
using MusicSite.Accounts;

namespace MusicSite.Web.Auth;

/// <summary>The named authorization policies of endpoints and pages. Each asks the <see cref="Catalog.Viewer"/>,
/// which owns the rule; the policy only enforces it at the door.</summary>
public static class Policies
{
    /// <summary>Artists and admins: upload tracks, make albums.</summary>
    public const string MayUpload = nameof(MayUpload);

    /// <summary>Admins: re-run processing and other site-wide work.</summary>
    public const string Admin = nameof(Admin);

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(MayUpload, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.AsViewer().MayUpload));
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.AsViewer().IsAdmin));
    }
}
