using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Lineage;

/// <summary>No N+1: a lineage read runs the same number of SQL commands for a short chain and for a long, branching one.</summary>
public sealed class LineageQueryCountTests(ReferenceDataFixture fixture) : IClassFixture<ReferenceDataFixture>
{
    private readonly LineageData _data = new(fixture.Services);

    /// <summary>Counts the commands one DbContext executes (other test classes may run queries at the same time).</summary>
    private sealed class CommandCounter(DbContext context) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public int Count;
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(this);
            }
        }
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data && data.Context == context)
            {
                Interlocked.Increment(ref Count);
            }
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private async Task<(int Commands, int Nodes)> CountAsync(Func<MusicSite.Attribution.Lineage, Task<MusicSite.Attribution.LineageGraph?>> read)
    {
        await using var scope = fixture.Scope();
        var counter = new CommandCounter(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
        using var subscription = DiagnosticListener.AllListeners.Subscribe(counter);
        var graph = await read(scope.ServiceProvider.GetRequiredService<MusicSite.Attribution.Lineage>());
        return (counter.Count, graph!.Nodes.Count);
    }

    [Fact]
    public async Task Reads_RunAFixedNumberOfCommands_WhateverTheSize()
    {
        var owner = await _data.UserAsync("Counted");
        var small = await _data.ChainAsync(owner, 2, "Small");
        var large = await _data.ChainAsync(owner, 11, "Large");
        foreach (var id in large.Take(10))
        {
            var side = await _data.TrackAsync(owner, $"Side of {id}", isPublic: id % 2 == 0);
            await _data.LinkAsync(side, large[large.IndexOf(id) + 1]);
            await _data.UseStemAsync(await _data.StemAsync(side, "Side Stem"), id);
        }

        var smallUp = await CountAsync(l => l.AttributionAsync(small[^1], Viewer.Anonymous, 10, default));
        var largeUp = await CountAsync(l => l.AttributionAsync(large[^1], Viewer.Anonymous, 10, default));
        var smallGraph = await CountAsync(l => l.GraphAsync(small[0], Viewer.Anonymous, 10, default));
        var largeGraph = await CountAsync(l => l.GraphAsync(large[5], Viewer.Anonymous, 10, default));

        Assert.True(largeUp.Nodes > 25 * smallUp.Nodes / 2, $"{largeUp.Nodes} nodes");
        Assert.Equal(smallUp.Commands, largeUp.Commands);
        Assert.Equal(smallGraph.Commands, largeGraph.Commands);
        Assert.InRange(largeGraph.Commands, 1, 12);
    }
}
