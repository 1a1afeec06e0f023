using System.Reflection;
using System.Reflection.Emit;

namespace EnvMonitoring.Testing.Architecture;

/// <summary>
/// The types of one assembly that a type uses: its base type and interfaces, the signatures of
/// its fields, properties and methods, and every type, method and field token in its method
/// bodies (read from the IL, so a <c>new X()</c> or <c>X.Call()</c> inside a lambda or an async
/// method counts too: those compile to nested types, which belong to the type that declares them).
/// Constants and <c>nameof</c> are compiled away and are not seen.
/// </summary>
public static class TypeReferences
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types of <paramref name="type"/>'s own assembly that it (or a type nested in it) uses.</summary>
    public static IReadOnlySet<Type> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new HashSet<Type>();
        Collect(type, found);
        found.RemoveWhere(t => t.Assembly != type.Assembly);
        return found;
    }

    private static void Collect(Type type, HashSet<Type> found)
    {
        Add(type.BaseType, found);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract, found);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType, found);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType, found);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType, found);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, found);
            }

            if (method.GetMethodBody() is { } body)
            {
                foreach (var local in body.LocalVariables)
                {
                    Add(local.LocalType, found);
                }

                ScanIl(method, body.GetILAsByteArray() ?? [], found);
            }
        }

        foreach (var nested in type.GetNestedTypes(Declared))
        {
            Collect(nested, found);
        }
    }

    private static void ScanIl(MethodBase method, byte[] il, HashSet<Type> found)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[at++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    AddMember(member, found);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static void AddMember(MemberInfo? member, HashSet<Type> found)
    {
        switch (member)
        {
            case Type type:
                Add(type, found);
                break;
            case MethodInfo method:
                Add(method.DeclaringType, found);
                Add(method.ReturnType, found);
                foreach (var argument in method.IsGenericMethod ? method.GetGenericArguments() : [])
                {
                    Add(argument, found);
                }

                break;
            case { } other:
                Add(other.DeclaringType, found);
                break;
        }
    }

    private static void Add(Type? type, HashSet<Type> found)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(type.GetElementType(), found);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(argument, found);
            }

            type = type.GetGenericTypeDefinition();
        }

        found.Add(type);
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
