using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Accounts;

/// <summary>
/// The services the tests build check the site's own password policy (IdentityPolicy), not Identity's defaults:
/// each password here is judged one way by the site and the other way by a default Identity setup.
/// </summary>
public sealed class PasswordPolicyTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Theory]
    [InlineData("Pw0rd!x", false)]    // Identity's defaults take 6 characters with a symbol; the site wants 8
    [InlineData("Passw0rdOk", true)]  // Identity's defaults want a symbol; the site does not
    public async Task SitePolicy_JudgesAPasswordUnlikeIdentitysDefaults(string password, bool siteAccepts)
    {
        await using var scope = core.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "policy@example.com", Email = "policy@example.com", DisplayName = "Policy" };

        var site = await ValidateAsync(users, user, password);
        var defaults = await ValidateAsync(new UserManager<AppUser>(new NoStore(), Options.Create(new IdentityOptions()),
            users.PasswordHasher, [], [new PasswordValidator<AppUser>()], users.KeyNormalizer, new IdentityErrorDescriber(),
            scope.ServiceProvider, NullLogger<UserManager<AppUser>>.Instance), user, password);

        Assert.Equal(siteAccepts, site);
        Assert.Equal(!siteAccepts, defaults);
    }

    [Fact]
    public async Task Register_PasswordTheSiteRefuses_ReportsThePasswordField()
    {
        await using var scope = core.Scope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var result = await accounts.RegisterAsync(
            new RegisterInput($"user-{Guid.NewGuid():N}@example.com", "Pw0rd!x", "Ana", "Listener"), CancellationToken.None);

        Assert.NotEmpty(result.Errors.For("password"));
    }

    [Fact]
    public void IdentityOptions_OfTheTestServices_AreTheWebHostsOwn()
    {
        using var site = new MusicSiteFactory();
        var web = site.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var tests = core.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;

        Assert.Equal(Rules(web), Rules(tests));
    }

    private static string Rules(IdentityOptions o) => System.Text.Json.JsonSerializer.Serialize(new { o.User, o.Password, o.Lockout, o.SignIn });

    private static async Task<bool> ValidateAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, user, password)).Succeeded)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Password validation reads no store; a UserManager only needs one to exist.</summary>
    private sealed class NoStore : IUserStore<AppUser>
    {
        public void Dispose() { }
        public Task<string> GetUserIdAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
        public Task<string?> GetUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken ct) => Task.CompletedTask;
        public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.NormalizedUserName);
        public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken ct) => Task.CompletedTask;
        public Task<IdentityResult> CreateAsync(AppUser user, CancellationToken ct) => throw new NotSupportedException();
        public Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken ct) => throw new NotSupportedException();
        public Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken ct) => throw new NotSupportedException();
        public Task<AppUser?> FindByIdAsync(string userId, CancellationToken ct) => Task.FromResult<AppUser?>(null);
        public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => Task.FromResult<AppUser?>(null);
    }
}
