namespace MusicSite.Web.Auth;

public static class LocalUrl
{
    /// <summary>
    /// Only a path on this site may be a redirect target: never another site (open redirect). The path must be
    /// visible ASCII: browsers drop tabs and newlines (so "/\t/evil.example" would become "//evil.example"), and a
    /// Location header cannot carry other characters at all.
    /// </summary>
    public static string OrHome(string? returnUrl) => IsLocalPath(returnUrl) ? returnUrl! : "/";

    private static bool IsLocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && url.All(c => c is > ' ' and < '\u007f');
}
