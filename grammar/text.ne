# chainrule plain-text notation (docs/notation.md). Tokens come from src/parse/textLexer.ts.
# Precedence, low to high: + -  <  explicit * /  <  unary -  <  implicit multiplication
# (juxtaposition)  <  ^ (right-assoc; its exponent may carry signs)  <  primary.
# A number may only lead a juxtaposition (2x, not x2 — `x2` is the symbol x_2 anyway).
# A function without parentheses takes ONE power as argument: `log y`, `sin x^2` = sin(x^2).
# Actions only build nodes, through src/parse/builder.ts. The grammar must stay unambiguous:
# test/parse/ambiguity.test.ts fails on any input with more than one parse.
# SPEED (docs/performance.md, "Parsing"): nearley predicts EVERY rule of a nonterminal it expects,
# at every token where it is expected: the closure at an expression's start, and the factor of a
# juxtaposition after every factor. So that closure is kept small: no unit rules on the way down
# (Factor, PowerNN, NumPower, Bare and DiffApp are inlined into Implicit; Number, Atom and Paren
# are one First, which may be a number, and FactorNN's Prim, which may not), Σ's three bodies hang
# off one %sigma rule, and tokens that lead the same rule share one terminal (%numleaf, %leaf,
# %sign, %addop, %mulop: token classes, src/parse/tokens.ts), its action choosing by the token.
# The language, the trees and the spans are the layered grammar's (test/parse, and the A/B corpus
# of docs/performance.md).
@preprocessor typescript
@{%
import { placeholderLexer } from '../tokens.js';
import * as B from '../builder.js';
const F = B.fast;
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

# Expr is the sum level (+ −)
Expr       -> Expr %addop Term                  {% F.addOp %}
            | Term                              {% id %}
Term       -> Term %mulop Unary                 {% F.mulOp %}
            | Unary                             {% id %}
Unary      -> %sign Unary                       {% F.signOp %}
            | Implicit                          {% id %}
            | SigmaApp                          {% id %}
            | Implicit %jux SigmaApp            {% F.juxSigma %}
# Σ_{i=1}^{K} takes the product that follows, like a function without parentheses takes a power:
# Σ_i t_i log y_i sums t_i·log y_i; + or an explicit * ends it (docs/notation.md)
SigmaApp   -> %sigma SigmaBody                  {% B.sigma %}
SigmaBody  -> Implicit                          {% id %}
            | SigmaApp                          {% id %}
            | Implicit %jux SigmaApp            {% F.juxSigma %}
# a product of factors (juxtaposition); only its first factor may be a number
Implicit   -> First                             {% id %}
            | First "^" Exponent                {% B.power %}
            | First %sup                        {% B.superscript %}
            | %func BareArg                     {% B.bareCall %}
            | %diff DiffArg                     {% B.derivative %}
            | Implicit %jux FactorNN            {% F.juxOp %}
FactorNN   -> Prim                              {% id %}
            | Prim "^" Exponent                 {% B.power %}
            | Prim %sup                         {% B.superscript %}
            | %func BareArg                     {% B.bareCall %}
            | %diff DiffArg                     {% B.derivative %}
# d/dx takes one factor, like a function without parentheses: d/dx x^2 + 1 = (d/dx x²) + 1
DiffArg    -> First                             {% id %}
            | First "^" Exponent                {% B.power %}
            | First %sup                        {% B.superscript %}
            | %func BareArg                     {% B.bareCall %}
            | %diff DiffArg                     {% B.derivative %}
# the argument of a function without parentheses: a power of a number or an atom (not of a
# parenthesis: sin(x) is a call)
BareArg    -> ArgBase                           {% id %}
            | ArgBase "^" Exponent              {% B.power %}
            | ArgBase %sup                      {% B.superscript %}
Exponent   -> %sign Exponent                    {% F.signOp %}
            | First                             {% id %}
            | First "^" Exponent                {% B.power %}
            | First %sup                        {% B.superscript %}
# primaries: First may be a number (%numleaf: a number, symbol or constant), Prim may not,
# ArgBase is not a parenthesis
First      -> %numleaf                          {% F.numLeaf %}
            | %func "(" Args ")"                {% B.call %}
            | "(" Expr ")"                      {% B.paren %}
Prim       -> %leaf                             {% F.leaf %}
            | %func "(" Args ")"                {% B.call %}
            | "(" Expr ")"                      {% B.paren %}
ArgBase    -> %numleaf                          {% F.numLeaf %}
            | %func "(" Args ")"                {% B.call %}
Args       -> Expr                              {% B.firstArg %}
            | Args "," Expr                     {% B.nextArg %}
