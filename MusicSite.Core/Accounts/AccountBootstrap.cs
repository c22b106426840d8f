using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace MusicSite.Accounts;

/// <summary>Start-up work for accounts: the roles exist, and the configured admin account exists.</summary>
public sealed class AccountBootstrap(UserManager<AppUser> users, RoleManager<IdentityRole<int>> roles,
    TimeProvider clock, ILogger<AccountBootstrap> logger)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<int>(role));
            }
        }
    }

    /// <summary>Creates the admin account, or brings an existing one back to the configured password and
    /// the Admin role, so an operator who lost the password can reset it by restarting.</summary>
    public async Task EnsureAdminAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = "Administrator",
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("MUSICSITE_ADMIN_PASSWORD was refused: " +
                    string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            logger.LogInformation("Created admin account {Email}", email);
        }
        else if (!await users.CheckPasswordAsync(user, password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                throw new InvalidOperationException("MUSICSITE_ADMIN_PASSWORD was refused: " +
                    string.Join(" ", reset.Errors.Select(e => e.Description)));
            }
            logger.LogInformation("Reset the admin account's password from configuration");
        }

        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            await users.AddToRoleAsync(user, Roles.Admin);
        }
    }
}
