using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Analyzer;

public class RuleEvaluatorRegistryTests
{
    private static readonly Type[] EvaluatorTypes = typeof(IRuleEvaluator).Assembly.GetTypes()
        .Where(t => typeof(IRuleEvaluator).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .ToArray();

    [Fact]
    public void EveryRuleKind_HasExactlyOneEvaluatorClass()
    {
        var kinds = EvaluatorTypes.Select(t => ((IRuleEvaluator)Activator.CreateInstance(t)!).Kind).ToList();

        foreach (var kind in RuleKinds.All)
        {
            kinds.Count(k => k == kind).Should().Be(1, $"rule kind {kind} needs exactly one evaluator");
        }

        kinds.Should().HaveSameCount(RuleKinds.All);
    }

    [Fact]
    public void Registry_HoldsEveryEvaluatorClass_OncePerKind()
    {
        RuleEvaluators.All.Select(e => e.GetType()).Should().BeEquivalentTo(EvaluatorTypes);
        foreach (var kind in RuleKinds.All)
        {
            RuleEvaluators.For(kind).Kind.Should().Be(kind);
        }
    }

    [Fact]
    public void DefaultModel_CompilesEveryRuleWithTheEvaluatorOfItsKind()
    {
        var compiled = new CompiledModel(Signatures.Default, null);

        compiled.Matchers.Should().HaveCount(Signatures.Default.Versions.Sum(v => v.Rules.Count));
        compiled.Matchers.Select(m => m.Index).Should().Equal(Enumerable.Range(0, compiled.Matchers.Count));
        compiled.Matchers.Should().OnlyContain(m => m.GetType().DeclaringType == RuleEvaluators.For(m.Rule.Kind).GetType());
    }
}
