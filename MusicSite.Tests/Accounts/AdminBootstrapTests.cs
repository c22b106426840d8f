using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Accounts;

public sealed class AdminBootstrapTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task EnsureAdmin_CreatesOnceAndResetsAChangedPassword()
    {
        const string email = "root@musicsite.test";
        await using var scope = core.Scope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<AccountBootstrap>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        await bootstrap.EnsureAdminAsync(email, "Adm1nPassword");
        await bootstrap.EnsureAdminAsync(email, "Adm1nPassword");
        var admin = (await users.FindByEmailAsync(email))!;
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(admin.EmailConfirmed);
        Assert.Single(users.Users, u => u.Email == email);

        await bootstrap.EnsureAdminAsync(email, "Chang3dPassword");
        admin = (await users.FindByEmailAsync(email))!;
        Assert.True(await users.CheckPasswordAsync(admin, "Chang3dPassword"));
    }

    [Fact]
    public async Task EnsureAdmin_WeakPassword_StopsStartupWithAReason()
    {
        await using var scope = core.Scope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<AccountBootstrap>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bootstrap.EnsureAdminAsync("weak@musicsite.test", "x"));
        Assert.Contains("MUSICSITE_ADMIN_PASSWORD", error.Message);
    }
}
