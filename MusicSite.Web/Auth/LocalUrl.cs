namespace MusicSite.Web.Auth;

public static class LocalUrl
{
    /// <summary>Only a path on this site may be a redirect target: never another site (open redirect).</summary>
    public static string OrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
