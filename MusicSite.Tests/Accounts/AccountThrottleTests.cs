using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Accounts;

/// <summary>The per-email half of the account limits, on a clock the test moves.</summary>
public sealed class AccountThrottleTests
{
    private readonly ManualClock _clock = new();
    private readonly RateLimitSettings _settings = new()
    {
        AccountPerEmailLimit = 3, AccountPerEmailWindowSeconds = 900,
        SignInFreeFailures = 5, SignInDelaySeconds = 15, SignInMaxDelaySeconds = 900, SignInFailureMemorySeconds = 3600,
    };

    private AccountThrottle Throttle() => new(Options.Create(_settings), _clock);

    [Fact]
    public void TryAcquire_PastTheBudget_WaitsForTheWindowWhateverTheSpelling()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(throttle.TryAcquire(AccountAction.PasswordResetRequest, "Ana@Example.com").IsAllowed);
        }

        var refused = throttle.TryAcquire(AccountAction.PasswordResetRequest, "  ana@example.COM ");
        var otherAction = throttle.TryAcquire(AccountAction.ConfirmationMail, "ana@example.com");
        _clock.Advance(TimeSpan.FromSeconds(900));
        var afterWindow = throttle.TryAcquire(AccountAction.PasswordResetRequest, "ana@example.com");

        Assert.Equal(900, refused.RetryAfterSeconds);
        Assert.True(otherAction.IsAllowed);
        Assert.True(afterWindow.IsAllowed);
    }

    [Fact]
    public void SignIn_PastTheFreeFailures_TheFailingAddressWaitsLongerEachTime()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(throttle.CheckSignIn("ana@example.com", "10.0.0.1").IsAllowed);
            throttle.SignInFailed("ana@example.com", "10.0.0.1");
        }

        Assert.Equal(15, throttle.CheckSignIn("ana@example.com", "10.0.0.1").RetryAfterSeconds);
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(throttle.CheckSignIn("ana@example.com", "10.0.0.1").IsAllowed);
        throttle.SignInFailed("ana@example.com", "10.0.0.1");
        Assert.Equal(30, throttle.CheckSignIn("ana@example.com", "10.0.0.1").RetryAfterSeconds);
    }

    [Fact]
    public void SignIn_AnAddressThatHasNotFailed_IsHeardAndItsSuccessClearsTheCount()
    {
        var throttle = Throttle();
        for (var i = 0; i < 30; i++)
        {
            throttle.SignInFailed("admin@example.com", "10.0.0.66");
        }

        Assert.True(throttle.CheckSignIn("admin@example.com", "10.0.0.7").IsAllowed);
        Assert.Equal(900, throttle.CheckSignIn("admin@example.com", "10.0.0.66").RetryAfterSeconds);
        throttle.ForgetFailures("admin@example.com");
        Assert.True(throttle.CheckSignIn("admin@example.com", "10.0.0.66").IsAllowed);
    }

    [Fact]
    public void SignIn_FailuresAreForgottenAfterTheMemory()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            throttle.SignInFailed("ana@example.com", "10.0.0.1");
        }
        _clock.Advance(TimeSpan.FromSeconds(3600));
        throttle.SignInFailed("ana@example.com", "10.0.0.1");

        Assert.True(throttle.CheckSignIn("ana@example.com", "10.0.0.1").IsAllowed);
    }

    [Fact]
    public void Limits_SetToZero_AreOff()
    {
        _settings.AccountPerEmailLimit = 0;
        _settings.SignInDelaySeconds = 0;
        var throttle = Throttle();
        for (var i = 0; i < 50; i++)
        {
            throttle.SignInFailed("ana@example.com", "10.0.0.1");
            Assert.True(throttle.TryAcquire(AccountAction.Register, "ana@example.com").IsAllowed);
        }

        Assert.True(throttle.CheckSignIn("ana@example.com", "10.0.0.1").IsAllowed);
    }
}
