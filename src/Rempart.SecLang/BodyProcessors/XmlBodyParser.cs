using System.Xml;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.BodyProcessors;

/// <summary>
/// Reads an XML body (no DTD, no external entities, bounded size and depth) into the text nodes and
/// attribute values the <c>XML</c> variable serves. A malformed document sets REQBODY_ERROR.
/// </summary>
internal static class XmlBodyParser
{
    private const int MaxDepth = 256;

    public static void Parse(Transaction tx, ReadOnlyMemory<byte> body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreWhitespace = false,
        };
        tx.XmlParsed = true;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            var text = new System.Text.StringBuilder();
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    tx.SetBodyError("XML parsing error: document too deep.");
                    return;
                }

                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.HasAttributes)
                        {
                            while (reader.MoveToNextAttribute())
                            {
                                tx.XmlAttributes.Add(new(reader.Name, Text.Latin1.FromText(reader.Value)));
                            }

                            reader.MoveToElement();
                        }

                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.SignificantWhitespace:
                        var value = Text.Latin1.FromText(reader.Value);
                        tx.XmlValues.Add(new("", value));
                        text.Append(value);
                        break;
                }
            }

            tx.XmlText = text.ToString();
        }
        catch (XmlException e)
        {
            tx.SetBodyError("XML parsing error: " + e.Message);
        }
    }
}
