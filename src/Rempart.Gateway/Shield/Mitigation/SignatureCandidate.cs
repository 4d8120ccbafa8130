namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>A signature component and the result of testing it against the baseline's clients.</summary>
public sealed record SignatureCandidate(ActiveMitigation Mitigation, int BaselineHits, int BaselineClients, bool Accepted)
{
    public double BaselineShare => BaselineClients == 0 ? 0 : (double)BaselineHits / BaselineClients;
}
