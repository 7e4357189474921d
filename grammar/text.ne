# chainrule plain-text notation (docs/notation.md). Tokens come from src/parse/textLexer.ts.
# Precedence, low to high: + -  <  explicit * /  <  unary -  <  implicit multiplication
# (juxtaposition)  <  ^ (right-assoc; its exponent may carry signs)  <  primary.
# A number may only lead a juxtaposition (2x, not x2 — `x2` is the symbol x_2 anyway).
# A function without parentheses takes ONE power as argument: `log y`, `sin x^2` = sin(x^2).
# Actions only build nodes, through src/parse/builder.ts. The grammar must stay unambiguous:
# test/parse/ambiguity.test.ts fails on any input with more than one parse.
@preprocessor typescript
@{%
import { placeholderLexer } from '../tokens.js';
import * as B from '../builder.js';
const lexer = placeholderLexer;
%}
@lexer lexer

Program    -> Statement                         {% B.first %}
            | Program %sep Statement            {% B.appendStatement %}
Statement  -> Expr                              {% B.bodyStatement %}
            | %sym "=" Expr                     {% B.definition %}
            | %func "(" Params ")" "=" Expr     {% B.functionDefinition %}
# g(y) = y^2; f(x, w) = …: a function with parameters (the lexer marks g as a function)
Params     -> %sym                              {% B.firstParam %}
            | Params "," %sym                   {% B.nextParam %}

Expr       -> Sum                               {% id %}
Sum        -> Sum "+" Term                      {% B.plus %}
            | Sum "-" Term                      {% B.minus %}
            | Term                              {% id %}
Term       -> Term "*" Unary                    {% B.times %}
            | Term "/" Unary                    {% B.divide %}
            | Unary                             {% id %}
Unary      -> "-" Unary                         {% B.negate %}
            | "+" Unary                         {% B.unaryPlus %}
            | Implicit                          {% id %}
            | SigmaApp                          {% id %}
            | Implicit SigmaApp                 {% B.timesSigma %}
# Σ_{i=1}^{K} takes the product that follows, like a function without parentheses takes a power:
# Σ_i t_i log y_i sums t_i·log y_i; + or an explicit * ends it (docs/notation.md)
SigmaApp   -> %sigma Implicit                   {% B.sigma %}
            | %sigma SigmaApp                   {% B.sigma %}
            | %sigma Implicit SigmaApp          {% B.sigmaProduct %}
Implicit   -> Factor                            {% id %}
            | Implicit FactorNN                 {% B.juxtapose %}
Factor     -> PowerNN                           {% id %}
            | NumPower                          {% id %}
            | Bare                              {% id %}
            | DiffApp                           {% id %}
FactorNN   -> PowerNN                           {% id %}
            | Bare                              {% id %}
            | DiffApp                           {% id %}
# d/dx takes one factor, like a function without parentheses: d/dx x^2 + 1 = (d/dx x²) + 1
DiffApp    -> %diff DiffArg                     {% B.derivative %}
DiffArg    -> PowerNN                           {% id %}
            | NumPower                          {% id %}
            | Bare                              {% id %}
            | DiffApp                           {% id %}
Bare       -> %func BareArg                     {% B.bareCall %}
BareArg    -> NumPower                          {% id %}
            | AtomPower                         {% id %}
PowerNN    -> AtomPower                         {% id %}
            | Paren                             {% id %}
            | Paren "^" Exponent                {% B.power %}
            | Paren %sup                        {% B.superscript %}
AtomPower  -> Atom                              {% id %}
            | Atom "^" Exponent                 {% B.power %}
            | Atom %sup                         {% B.superscript %}
NumPower   -> Number                            {% id %}
            | Number "^" Exponent               {% B.power %}
            | Number %sup                       {% B.superscript %}
Exponent   -> "-" Exponent                      {% B.negate %}
            | "+" Exponent                      {% B.unaryPlus %}
            | NumPower                          {% id %}
            | PowerNN                           {% id %}
Atom       -> %sym                              {% B.symbol %}
            | %constant                            {% B.constant %}
            | %func "(" Args ")"                {% B.call %}
Paren      -> "(" Expr ")"                      {% B.paren %}
Number     -> %num                              {% B.number %}
Args       -> Expr                              {% B.firstArg %}
            | Args "," Expr                     {% B.nextArg %}
