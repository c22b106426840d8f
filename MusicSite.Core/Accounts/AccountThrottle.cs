using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Accounts;

/// <summary>The account flows that spend a per-email budget: each has a budget of its own.</summary>
public enum AccountAction
{
    Register,
    PasswordResetRequest,
    PasswordReset,
    ConfirmationMail,
}

/// <summary>Go ahead, or wait this long before trying again.</summary>
public readonly record struct ThrottleDecision(TimeSpan? RetryAfter)
{
    public static ThrottleDecision Allowed => default;
    public bool IsAllowed => RetryAfter is null;
    public int RetryAfterSeconds => RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 0;
}

/// <summary>
/// The per-account half of the account limits (the per-address half is the web host's rate limiter). Keyed
/// by the submitted email, normalised, whether or not an account has it, so that the answers never tell a
/// known address from an unknown one.
/// <list type="bullet">
/// <item>Registration, reset requests, resets and confirmation mail: a fixed window per email and action.</item>
/// <item>Sign-in: failed attempts are counted per email. Past the free failures, an address that has failed
/// against that email waits a delay that doubles with each further failure. An address that has not failed
/// against it is still heard, so a correct password from elsewhere passes: nobody can keep the owner out.</item>
/// </list>
/// Memory is in process: a restart forgets, which only ever lets someone in sooner.
/// </summary>
public sealed class AccountThrottle(IOptions<RateLimitSettings> settings, TimeProvider clock)
{
    // Past this many remembered emails, expired records are swept before a new one is added.
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<(AccountAction, string), Window> _windows = new();
    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <summary>The one spelling of an email that every key uses (as Identity normalises it).</summary>
    public static string Normalize(string? email) => (email ?? "").Trim().Normalize().ToUpperInvariant();

    /// <summary>Counts one attempt of <paramref name="action"/> for <paramref name="email"/>; refuses past the budget.</summary>
    public ThrottleDecision TryAcquire(AccountAction action, string? email)
    {
        var limits = settings.Value;
        if (limits.AccountPerEmailLimit <= 0 || limits.AccountPerEmailWindowSeconds <= 0)
        {
            return ThrottleDecision.Allowed;
        }
        var now = clock.GetUtcNow();
        var length = TimeSpan.FromSeconds(limits.AccountPerEmailWindowSeconds);
        SweepIfLarge(_windows, now, w => w.Start + length <= now);
        var window = _windows.GetOrAdd((action, Normalize(email)), _ => new Window());
        lock (window)
        {
            if (window.Start + length <= now)
            {
                window.Start = now;
                window.Count = 0;
            }
            if (window.Count >= limits.AccountPerEmailLimit)
            {
                return new ThrottleDecision(window.Start + length - now);
            }
            window.Count++;
            return ThrottleDecision.Allowed;
        }
    }

    /// <summary>Whether <paramref name="address"/> may try a password for <paramref name="email"/> now.</summary>
    public ThrottleDecision CheckSignIn(string? email, string address)
    {
        var limits = settings.Value;
        if (limits.SignInDelaySeconds <= 0 || !_failures.TryGetValue(Normalize(email), out var failures))
        {
            return ThrottleDecision.Allowed;
        }
        var now = clock.GetUtcNow();
        lock (failures)
        {
            if (failures.Count < limits.SignInFreeFailures || !failures.ByAddress.TryGetValue(address, out var last))
            {
                return ThrottleDecision.Allowed;
            }
            var wait = last + Delay(failures.Count, limits) - now;
            return wait > TimeSpan.Zero ? new ThrottleDecision(wait) : ThrottleDecision.Allowed;
        }
    }

    public void SignInFailed(string? email, string address)
    {
        var limits = settings.Value;
        if (limits.SignInDelaySeconds <= 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var memory = TimeSpan.FromSeconds(limits.SignInFailureMemorySeconds);
        SweepIfLarge(_failures, now, f => f.Last + memory <= now);
        var failures = _failures.GetOrAdd(Normalize(email), _ => new Failures());
        lock (failures)
        {
            if (failures.Last + memory <= now)
            {
                failures.Count = 0;
                failures.ByAddress.Clear();
            }
            failures.Count++;
            failures.Last = now;
            failures.ByAddress[address] = now;
        }
    }

    /// <summary>The right password, or a password reset through the mailed link, ends the count for that email.</summary>
    public void ForgetFailures(string? email) => _failures.TryRemove(Normalize(email), out _);

    /// <summary>Doubles with each failure past the free ones, up to the cap.</summary>
    private static TimeSpan Delay(int failures, RateLimitSettings limits)
    {
        var doublings = Math.Min(failures - limits.SignInFreeFailures, 20);
        var seconds = Math.Min((double)limits.SignInDelaySeconds * Math.Pow(2, doublings), limits.SignInMaxDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    private static void SweepIfLarge<TKey, TValue>(ConcurrentDictionary<TKey, TValue> records, DateTimeOffset now,
        Func<TValue, bool> expired) where TKey : notnull where TValue : class
    {
        if (records.Count < SweepThreshold)
        {
            return;
        }
        foreach (var (key, value) in records)
        {
            bool gone;
            lock (value)
            {
                gone = expired(value);
            }
            if (gone)
            {
                records.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;
        public int Count { get; set; }
    }

    private sealed class Failures
    {
        public int Count { get; set; }
        public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
        public Dictionary<string, DateTimeOffset> ByAddress { get; } = new(StringComparer.Ordinal);
    }
}
