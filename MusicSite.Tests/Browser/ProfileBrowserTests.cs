using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class ProfileBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Profile_RenameAndUploadAvatar_ShowInTheHeaderAndPage(bool javaScript)
    {
        using var files = new TempDirectory();
        var page = await browser.NewPageAsync(javaScript);
        await page.GotoAsync("/account/profile");
        Assert.Contains("/account/login", page.Url);

        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", $"profile-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#displayName", "Old Name");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Old Name");

        await page.ClickAsync("[data-testid=account-name]");
        await page.FillAsync("#displayName", "New Name");
        await page.FillAsync("#bio", "I make field recordings.");
        await page.ClickAsync("button:has-text('Save profile')");
        await Assertions.Expect(page.Locator("[data-testid=saved-profile]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("New Name");
        await Assertions.Expect(page.Locator("#bio")).ToHaveValueAsync("I make field recordings.");

        await page.SetInputFilesAsync("#avatar", MediaFixtures.Image(files.Path, "png"));
        await page.ClickAsync("button:has-text('Upload avatar')");
        await Assertions.Expect(page.Locator("[data-testid=saved-avatar]")).ToBeVisibleAsync();
        var src = await page.GetAttributeAsync("img.avatar", "src");
        var avatar = await page.APIRequest.GetAsync(src!);
        Assert.Equal("image/jpeg", avatar.Headers["content-type"]);

        await page.SetInputFilesAsync("#avatar", MediaFixtures.Text(files.Path, "fake.png", "not really a png"));
        await page.ClickAsync("button:has-text('Upload avatar')");
        await Assertions.Expect(page.Locator("#avatar-error")).ToContainTextAsync("JPEG, PNG or WebP");
    }
}
