using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>Register, confirm by the mailed link, sign out, sign in: in Chromium, with JavaScript on and off.</summary>
[Trait("Category", "Slow")]
public sealed class AccountFlowBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RegisterConfirmSignOutSignIn_ShowsTheUsersName(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript);
        var email = $"browser-{Guid.NewGuid():N}@example.com";
        var name = javaScript ? "Jess With Script" : "Jess Without Script";

        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#displayName", name);
        await page.FillAsync("#password", "Passw0rdOk");
        await page.CheckAsync("input[type=radio][value=Artist]");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#banner")).ToContainTextAsync("Please confirm your email");
        Assert.EndsWith("/?welcome=1", page.Url);

        var link = MailFolder.LinkTo(browser.Site.MailDirectory, email, "/account/confirm-email");
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("[data-testid=saved-email]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#banner")).ToBeEmptyAsync();

        await page.ClickAsync("button:has-text('Sign out')");
        await Assertions.Expect(page.Locator("a:has-text('Sign in')")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveCountAsync(0);

        await page.ClickAsync("a:has-text('Sign in')");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Passw0rdOk");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#banner")).ToBeEmptyAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Register_BadInput_ShowsFieldMessagesOnThePage(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript);
        var taken = $"taken-{Guid.NewGuid():N}@example.com";
        await RegisterAsync(page, taken, "Passw0rdOk");
        await page.ClickAsync("button:has-text('Sign out')");
        await Assertions.Expect(page.Locator("a:has-text('Sign in')")).ToBeVisibleAsync();

        await RegisterAsync(page, taken, "weak");

        await Assertions.Expect(page.Locator("#email-error")).ToContainTextAsync("already exists");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Create an account");
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync(taken);
    }

    [Fact]
    public async Task FiveWrongPasswords_SlowThisAddressDown_AndAMailedResetLetsItIn_WithoutJavaScript()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        var email = $"slowed-{Guid.NewGuid():N}@example.com";
        await RegisterAsync(page, email, "Passw0rdOk");
        await page.ClickAsync("button:has-text('Sign out')");

        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(page, email, "Wrong-pass1");
            await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("Email or password is incorrect");
        }
        await SignInAsync(page, email, "Passw0rdOk");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("Too many requests");

        await page.GotoAsync("/account/forgot-password");
        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("If an account exists");

        await page.GotoAsync(MailFolder.LinkTo(browser.Site.MailDirectory, email, "/account/reset-password"));
        await page.FillAsync("#password", "N3wPassword");
        await page.FillAsync("#confirm", "Different1");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#confirm-error")).ToContainTextAsync("do not match");
        await page.FillAsync("#password", "N3wPassword");
        await page.FillAsync("#confirm", "N3wPassword");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("password has been changed");

        await SignInAsync(page, email, "N3wPassword");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Someone");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    private static async Task RegisterAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#displayName", "Someone");
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }
}
