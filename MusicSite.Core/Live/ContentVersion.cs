namespace MusicSite.Live;

/// <summary>
/// A number that moves whenever anything a public page shows may have changed on this node (a save, a bulk statement,
/// a committed transaction: see <see cref="ContentChangeInterceptor"/>). The web edge puts it in the key of every
/// cached page, so a change makes every older cached page unreachable at once, with no eviction to race against a
/// render that read the old rows. It carries no data. Other nodes do not see it move: their cached pages expire instead
/// (decision 0045).
/// </summary>
public sealed class ContentVersion
{
    private long _value;

    /// <summary>The version now.</summary>
    public long Current => Interlocked.Read(ref _value);

    /// <summary>Marks public content as changed.</summary>
    public void Bump() => Interlocked.Increment(ref _value);
}
