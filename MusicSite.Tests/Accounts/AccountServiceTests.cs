using MusicSite.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Accounts;

public sealed class AccountServiceTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    [Theory]
    [InlineData("not-an-email", "Passw0rdOk", "Ana", "Listener", "email")]
    [InlineData("ana@localhost", "Passw0rdOk", "Ana", "Listener", "email")]
    [InlineData("", "Passw0rdOk", "Ana", "Listener", "email")]
    [InlineData("{new}", "short1A", "Ana", "Listener", "password")]
    [InlineData("{new}", "alllowercase1", "Ana", "Listener", "password")]
    [InlineData("{new}", "NoDigitsHere", "Ana", "Listener", "password")]
    [InlineData("{new}", "", "Ana", "Listener", "password")]
    [InlineData("{new}", "Passw0rdOk", "", "Listener", "displayName")]
    [InlineData("{new}", "Passw0rdOk", "Ana", "Admin", "accountType")]
    [InlineData("{new}", "Passw0rdOk", "Ana", "Superstar", "accountType")]
    public async Task Register_BadInput_ReportsTheField(string email, string password, string displayName,
        string accountType, string field)
    {
        await using var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var input = new RegisterInput(email == "{new}" ? NewEmail() : email, password, displayName, accountType);

        var result = await accounts.RegisterAsync(input, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors.For(field));
    }

    [Fact]
    public async Task Register_DuplicateEmail_IsRefusedWhateverTheCase()
    {
        await using var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var email = NewEmail();
        Assert.True((await accounts.RegisterAsync(new RegisterInput(email, "Passw0rdOk", "First", null), default)).Succeeded);

        var second = await accounts.RegisterAsync(new RegisterInput(email.ToUpperInvariant(), "Passw0rdOk", "Second", null), default);

        Assert.Equal("EMAIL_TAKEN", second.Code);
        Assert.NotEmpty(second.Errors.For("email"));
    }

    [Fact]
    public async Task Register_Artist_GetsTheRoleAndAConfirmationMailThatConfirms()
    {
        await using var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = NewEmail();

        var result = await accounts.RegisterAsync(new RegisterInput(email, "Passw0rdOk", "  Aurora  ", "artist"), default);

        Assert.True(result.Succeeded);
        var user = result.Value!;
        Assert.Equal("Aurora", user.DisplayName);
        Assert.True(await users.IsInRoleAsync(user, Roles.Artist));
        Assert.False(await users.IsInRoleAsync(user, Roles.Listener));
        Assert.False(user.EmailConfirmed);

        var link = new Uri(MailFolder.LinkTo(core.Paths.Mail, email, "/account/confirm-email"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        Assert.Equal(user.Id.ToString(), query["userId"].ToString());

        Assert.False(await accounts.ConfirmEmailAsync(user.Id, "bm90LWEtdG9rZW4"));
        Assert.True(await accounts.ConfirmEmailAsync(user.Id, query["code"]));
        Assert.True((await users.FindByIdAsync(user.Id.ToString()))!.EmailConfirmed);
    }

    [Fact]
    public async Task PasswordReset_WithTheMailedLink_ChangesThePassword()
    {
        await using var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = NewEmail();
        Assert.True((await accounts.RegisterAsync(new RegisterInput(email, "Passw0rdOk", "Reset Me", null), default)).Succeeded);

        await accounts.RequestPasswordResetAsync(email, AuditActor.System, default);
        var link = new Uri(MailFolder.LinkTo(core.Paths.Mail, email, "/account/reset-password"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);

        var weak = await accounts.ResetPasswordAsync(email, query["code"], "weak", AuditActor.System);
        Assert.NotEmpty(weak.Errors.For("password"));
        var forged = await accounts.ResetPasswordAsync(email, "Zm9yZ2Vk", "N3wPassword", AuditActor.System);
        Assert.NotEmpty(forged.Errors.For("code"));
        Assert.Equal(MusicSite.Common.ErrorCodes.InvalidToken, forged.Code);

        var reset = await accounts.ResetPasswordAsync(email, query["code"], "N3wPassword", AuditActor.System);

        Assert.True(reset.Succeeded);
        var reloaded = (await users.FindByEmailAsync(email))!;
        Assert.True(await users.CheckPasswordAsync(reloaded, "N3wPassword"));
    }

    [Fact]
    public async Task PasswordReset_ForAnUnknownAddress_SendsNothing()
    {
        await using var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var email = NewEmail();

        await accounts.RequestPasswordResetAsync(email, AuditActor.System, default);

        Assert.Empty(MailFolder.MessagesTo(core.Paths.Mail, email));
    }

    [Fact]
    public async Task UpdateProfile_ValidatesAndSaves()
    {
        await using var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var user = (await accounts.RegisterAsync(new RegisterInput(NewEmail(), "Passw0rdOk", "Before", null), default)).Value!;

        var tooLong = await accounts.UpdateProfileAsync(user.Id, new ProfileInput("Name", new string('b', 2001)));
        var empty = await accounts.UpdateProfileAsync(user.Id, new ProfileInput("   ", null));
        var ok = await accounts.UpdateProfileAsync(user.Id, new ProfileInput("After", "Plays <b>synths</b>."));

        Assert.NotEmpty(tooLong.Errors.For("bio"));
        Assert.NotEmpty(empty.Errors.For("displayName"));
        Assert.True(ok.Succeeded);
        Assert.Equal("After", ok.Value!.DisplayName);
        Assert.Equal("Plays <b>synths</b>.", ok.Value.Bio);
    }
}
