using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicSite.Accounts;
using MusicSite.Data;
using MusicSite.Hosting;

namespace MusicSite.Tests.Infrastructure;

/// <summary>
/// The Core services without the web host, on an empty SQLite database built by the real migrations in a
/// data directory of its own. One per test class (IClassFixture); tests build their own rows.
/// </summary>
public class CoreServicesFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("musicsite-core");
    private ServiceProvider? _services;

    public string DataDirectory => _data.Path;
    public DataPaths Paths => new(_data.Path);
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Configuration on top of the defaults (data directory, seeding off, a fixed site address).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MUSICSITE_DATA"] = _data.Path,
            ["MUSICSITE_SEED"] = "none",
            ["MusicSite:PublicBaseUrl"] = TestLinks.BaseUrl,
        }).AddInMemoryCollection(Settings).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Paths.Keys));
        services.AddMusicSiteCore(configuration);
        services.AddIdentityCore<AppUser>(IdentityPolicy.Apply)
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<MusicSiteDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<IAccountLinks, TestLinks>();
        _services = services.BuildServiceProvider();

        Paths.EnsureCreated();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        await db.Database.MigrateAsync();
        SqliteDatabase.EnableWriteAheadLog(db);
        await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().EnsureRolesAsync();
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public Task DisposeAsync() => Task.CompletedTask;

    public virtual void Dispose()
    {
        _services?.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Account mail links with a fixed site address, as MusicSite:PublicBaseUrl would give.</summary>
    private sealed class TestLinks : IAccountLinks
    {
        public const string BaseUrl = "http://musicsite.test";
        public string ConfirmEmail(int userId, string code) => $"{BaseUrl}/account/confirm-email?userId={userId}&code={code}";
        public string ResetPassword(string email, string code) => $"{BaseUrl}/account/reset-password?email={Uri.EscapeDataString(email)}&code={code}";
    }
}
