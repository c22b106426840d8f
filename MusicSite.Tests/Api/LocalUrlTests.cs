using MusicSite.Web.Auth;

namespace MusicSite.Tests.Api;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/account/profile", "/account/profile")]
    [InlineData("/genres?x=1", "/genres?x=1")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/\u3000x", "/")]
    [InlineData("/tracks/1\u202E", "/")]
    [InlineData("/a b", "/")]
    [InlineData("/", "/")]
    public void OrHome_KeepsOnlyPathsOnThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, LocalUrl.OrHome(returnUrl));
}
