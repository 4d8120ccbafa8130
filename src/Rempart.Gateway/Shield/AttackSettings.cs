using Rempart.Gateway.Configuration.Shield;
using Rempart.Gateway.Shield.Detection;
using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Shield;

/// <summary>Compiles the <c>shield.detection</c>, <c>shield.mitigation</c> and <c>shield.under_attack</c> records into the engine's settings.</summary>
public static class AttackSettings
{
    public static DetectionSettings Detection(ShieldConfig shield)
    {
        var d = shield.Detection;
        return new DetectionSettings
        {
            Enabled = d.Enabled,
            RateFactor = d.RateFactor,
            RateFloor = d.RateFloor,
            ErrorFactor = d.ErrorFactor,
            ErrorFloor = d.ErrorFloor,
            LatencyFactor = d.LatencyFactor,
            LatencyFloorMilliseconds = d.LatencyFloor.TotalMilliseconds,
            WafMatchFactor = d.WafMatchFactor,
            WafMatchFloor = d.WafMatchFloor,
            TransportFloor = d.TransportFloor,
            TriggerSeconds = d.TriggerSeconds,
            QuietPeriod = d.QuietPeriod,
            BaselineWindow = d.BaselineWindow,
            FewSources = d.FewSources,
            MaxSources = d.MaxSources,
        };
    }

    public static MitigationSettings Mitigation(ShieldConfig shield)
    {
        var m = shield.Mitigation;
        var u = shield.UnderAttack;
        return new MitigationSettings
        {
            Enabled = m.Enabled,
            Action = m.Action,
            CountFor = m.CountFor,
            RateLimit = m.RateLimit,
            MaxBaselineShare = m.MaxBaselineShare,
            SourceRateFloor = m.SourceRateFloor,
            SourceFactor = m.SourceFactor,
            DominantShare = m.DominantShare,
            UnderAttackAutomatic = u.Automatic,
            UnderAttackAfter = u.After,
            ChallengeDifficulty = u.ChallengeDifficulty,
            ChallengeImmunity = u.Immunity,
        };
    }
}
