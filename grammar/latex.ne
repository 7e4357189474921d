# chainrule LaTeX input (docs/notation-latex.md). Tokens come from src/parse/latexLexer.ts, which
# applies TeX's argument rules and turns names (\hat{y}, \alpha, \mathrm{loss}, x_{1}) into ONE
# `sym` token each, so this grammar mirrors grammar/text.ne rule for rule and gives the same trees.
# Precedence, low to high: + -  <  explicit \cdot \times * / \div  <  unary -  <  implicit
# multiplication (juxtaposition)  <  ^{…} (a superscript on a superscript needs braces, as in TeX)
# <  primary (symbol, constant, \frac{…}{…}, \sqrt{…}, |…|, f(…), ( … )).
# A number may only lead a juxtaposition (2x, not x2). A function without parentheses takes ONE
# power as argument: `\log y`, `\sin x^2` = sin(x^2), `\sigma\frac{a}{b}`.
# LAYER INDEX: a parenthesised (or bracketed) integer or letter superscript on a SYMBOL is an
# index, not a power: W^{(1)} is the symbol W_1 (plain W1 / W_1), a^{[2]} is a_2, x^{(i)} is x_i.
# The lexer reads it; on a symbol that already has a subscript (W_1^{(2)}) it is UNSUPPORTED_INDEX.
# On anything else it is a power: (x)^{(2)} = x^2, e^{(1)} = exp(1).
# Braces that are not an argument group nothing (TeX's invisible groups): the lexer drops them.
# Actions only build nodes, through src/parse/builder.ts. The grammar must stay unambiguous:
# runGrammar reports more than one parse as AMBIGUOUS, and test/parse/latex.test.ts checks it.
# SPEED: flattened as grammar/text.ne is (see its header): unit rules inlined where nearley
# predicts them on every token, token classes %numleaf %leaf %sign %addop %mulop, one %sigma rule.
@preprocessor typescript
@{%
import { placeholderLexer } from '../tokens.js';
import * as B from '../builder.js';
const L = B.latex;
const F = B.fast;
const lexer = placeholderLexer;
%}
@lexer lexer

Program    -> Statement                         {% B.first %}
            | Program %sep Statement            {% B.appendStatement %}
Statement  -> Expr                              {% B.bodyStatement %}
            | %sym "=" Expr                     {% B.definition %}
            | %func "(" Params ")" "=" Expr     {% B.functionDefinition %}
# g(y) = y^{2}: a function with parameters (the lexer marks g as a function), as in text.ne
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
# \sum_{i=1}^{K} takes the product that follows, as in text.ne
SigmaApp   -> %sigma SigmaBody                  {% B.sigma %}
SigmaBody  -> Implicit                          {% id %}
            | SigmaApp                          {% id %}
            | Implicit %jux SigmaApp            {% F.juxSigma %}
# a product of factors (juxtaposition); only its first factor may be a number
Implicit   -> First                             {% id %}
            | First "^" Group                   {% L.power %}
            | First %sup                        {% B.superscript %}
            | %func BareArg                     {% B.bareCall %}
            | %diff DiffArg                     {% B.derivative %}
            | Implicit %jux FactorNN            {% F.juxOp %}
FactorNN   -> Prim                              {% id %}
            | Prim "^" Group                    {% L.power %}
            | Prim %sup                         {% B.superscript %}
            | %func BareArg                     {% B.bareCall %}
            | %diff DiffArg                     {% B.derivative %}
# \frac{d}{dx} (the lexer's `diff` token) takes one factor, as d/dx in text.ne
DiffArg    -> First                             {% id %}
            | First "^" Group                   {% L.power %}
            | First %sup                        {% B.superscript %}
            | %func BareArg                     {% B.bareCall %}
            | %diff DiffArg                     {% B.derivative %}
# the argument of a function without parentheses: a power of a number or an atom (not of a
# parenthesis: sin(x) is a call)
BareArg    -> ArgBase                           {% id %}
            | ArgBase "^" Group                 {% L.power %}
            | ArgBase %sup                      {% B.superscript %}
# primaries: First may be a number (%numleaf: a number, symbol or constant), Prim may not,
# ArgBase is not a parenthesis
First      -> %numleaf                          {% F.numLeaf %}
            | %func "(" Args ")"                {% B.call %}
            | %frac Group Group                 {% L.frac %}
            | %sqrt Group                       {% L.root %}
            | "\\lvert" Expr "\\rvert"          {% L.abs %}
            | "(" Expr ")"                      {% B.paren %}
Prim       -> %leaf                             {% F.leaf %}
            | %func "(" Args ")"                {% B.call %}
            | %frac Group Group                 {% L.frac %}
            | %sqrt Group                       {% L.root %}
            | "\\lvert" Expr "\\rvert"          {% L.abs %}
            | "(" Expr ")"                      {% B.paren %}
ArgBase    -> %numleaf                          {% F.numLeaf %}
            | %func "(" Args ")"                {% B.call %}
            | %frac Group Group                 {% L.frac %}
            | %sqrt Group                       {% L.root %}
            | "\\lvert" Expr "\\rvert"          {% L.abs %}
Group      -> "{" Expr "}"                      {% L.group %}
Args       -> Expr                              {% B.firstArg %}
            | Args "," Expr                     {% B.nextArg %}
