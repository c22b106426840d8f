using Microsoft.Extensions.DependencyInjection;
using MusicSite.Seeding;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

/// <summary>The Core services on a migrated database with the reference seed (licenses, genres), as a site starts.</summary>
public sealed class ReferenceDataFixture : CoreServicesFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);
    }
}
