using System.Text;
using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>size_constraint: the UTF-8 size of a value compared with a number of bytes.</summary>
public sealed class SizeConstraintStatement(SizeComparison comparison, long size, IFieldSelector selector, TransformChain transforms)
    : FieldStatement("size_constraint", selector, transforms)
{
    protected override bool Test(string value, WafEvaluationContext context, out string? detail)
    {
        long length = Encoding.UTF8.GetByteCount(value);
        var result = comparison switch
        {
            SizeComparison.Eq => length == size,
            SizeComparison.Ne => length != size,
            SizeComparison.Le => length <= size,
            SizeComparison.Lt => length < size,
            SizeComparison.Ge => length >= size,
            _ => length > size,
        };
        detail = result ? $"size {length} {comparison.ToString().ToLowerInvariant()} {size}" : null;
        return result;
    }
}
