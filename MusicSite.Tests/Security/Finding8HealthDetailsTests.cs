using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>Security finding 8: /healthz tells anyone the status alone; the details (paths, versions, disk,
/// migrations) go to admins only.</summary>
public sealed class Finding8HealthDetailsTests : IClassFixture<MusicSiteFactory>
{
    private readonly MusicSiteFactory _site;

    public Finding8HealthDetailsTests(MusicSiteFactory site)
    {
        _site = site.WithAdmin();
    }

    [Fact]
    public async Task Healthz_Anonymous_GetsTheStatusAlone()
    {
        var response = await _site.CreateClient().GetAsync("/healthz");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var health = await response.JsonAsync();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(["status"], health.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(_site.DataDirectory, text);
        Assert.DoesNotContain("ffmpeg", text);
    }

    [Fact]
    public async Task Healthz_SignedInNonAdmin_GetsTheStatusAlone()
    {
        var client = await _site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");

        var health = await (await client.GetAsync("/healthz")).JsonAsync();

        Assert.Equal(["status"], health.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Healthz_Admin_GetsEachDependencysDetails()
    {
        var client = await _site.AdminClientAsync();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(200, (int)response.StatusCode);
        var health = await response.JsonAsync();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        foreach (var name in new[] { "database", "ffmpeg", "ffprobe", "scheduler", "disk" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
        Assert.StartsWith("ffmpeg version", checks.GetProperty("ffmpeg").GetProperty("data").GetProperty("version").GetString());
        Assert.True(checks.GetProperty("scheduler").GetProperty("data").GetProperty("persistent").GetBoolean());
        Assert.True(checks.GetProperty("disk").GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
        Assert.True(checks.GetProperty("database").GetProperty("data").GetProperty("appliedMigrations").GetInt32() > 0);
        // The data directory the site was told to use is the one it uses.
        Assert.Equal(_site.DataDirectory, checks.GetProperty("disk").GetProperty("data").GetProperty("path").GetString());
    }
}
