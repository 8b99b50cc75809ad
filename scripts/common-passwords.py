#!/usr/bin/env python3
"""Writes data/security/common_passwords.txt, the blocklist of the password policy.

The list is written for ketaclinic from widely known facts about how people choose
passwords (the perennial entries of published "most common passwords" rankings,
keyboard walks, digit runs, years, first names, sports teams, pets, seasons,
local and clinical words) and from patterns built on them (doubled words,
"my"/"ilove" prefixes). It is not copied from a breach corpus or from any
licensed list. The policy also refuses a listed word followed by digits or
symbols ("Password2024!"), so suffix variants need not be listed.

Usage: scripts/common-passwords.py > data/security/common_passwords.txt
"""

TOP = """
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123
baseball abc123 football monkey letmein 696969 shadow master 666666 qwertyuiop
123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777 121212 000000
qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer
harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey
ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111
zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger
princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew
access yankees 987654321 dallas austin thunder taylor matrix mobilemail mom monitor
monitoring montana moon moscow welcome welcome1 admin administrator root toor
passw0rd p@ssword p@ssw0rd pa55word pa$$word password1 password12 password123
qwerty123 qwerty1 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc zaq12wsx zaq1zaq1
qazwsxedc qweasdzxc asdfghjkl asdf1234 abcd1234 abcdef abcdefg abcdefgh abc12345
iloveyou1 lovely loveme babygirl angel angels flower hello hello123 secret
secret123 whatever nothing changeme default guest user test test123 testing
login logon letmein1 trustnoone nopassword mypassword mypass passpass qwertyqwerty
passwordpassword correcthorsebatterystaple solo starwars1 princess1 football1
baseball1 superman1 batman1 dragon1 monkey1 shadow1 master1 sunshine1 charlie1
jesus jesus1 god blessed faith hope grace heaven angel1 christ jesuschrist
family friends forever together happiness happy smile lucky lucky7 hottie
sexy beautiful pretty cutie sweet sweetie sweetheart honey baby babyboy
naruto pokemon minecraft fortnite roblox zelda mario sonic pikachu gandalf
matrix1 merlin wizard magic hacker cookie banana orange apple cherry peanut
chocolate coffee pizza butter sugar candy money money1 dollar cash rich
silver golden gold diamond crystal rainbow purple yellow green blue black
red white pink orange1 snoopy scooby bailey buddy max lucky1 rocky bella
daisy molly sophie chloe lola coco oscar toby jack bear teddy tiger lion
wolf eagle falcon hawk shark dolphin panther jaguar cobra viper phoenix
dragons unicorn butterfly kitten kitty puppy doggy doggie fish horse
""".split()

KEYBOARD = ["1234567890", "0987654321", "qwertyuiopasdfghjklzxcvbnm", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv",
            "qwertyuiop", "qazwsxedcrfv", "!qaz@wsx#edc", "1q2w3e4r5t6y7u8i9o0p", "abcdefghijklmnopqrstuvwxyz",
            "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "qwertzuiop", "azertyuiop", "147258369", "159357",
            "789456123", "741852963", "963852741", "123654789", "147852369", "369258147"]

NAMES = """
james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy
roy vincent ralph eugene russell bobby mason philip louis mary patricia jennifer linda
elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen
samantha katherine christine debra rachel carolyn janet catherine maria heather diane
ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances
kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle
beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori
""".split()

TEAMS = """
cowboys mavericks rangers texans longhorns aggies astros rockets spurs stars
yankees redsox lakers celtics bulls packers steelers patriots eagles giants raiders
broncos chiefs saints falcons bears lions vikings dolphins jets bills chargers
seahawks cardinals warriors knicks heat dodgers cubs mets braves tigers
football baseball basketball soccer hockey golf tennis volleyball softball wrestling
""".split()

PLACES_AND_TIME = """
texas dallas houston austin sanantonio fortworth plano allen frisco mckinney arlington
america usa unitedstates california florida newyork chicago london paris
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter
""".split()

CLINIC = """
ketamine ketaclinic clinic doctor nurse hospital medical medicine patient health
healthcare therapy infusion depression anxiety wellness recovery spravato esketamine
pharmacy prescriber frontdesk reception physician psychiatry psychiatrist counselor
""".split()

WORD_PATTERNS = ["my{}", "ilove{}", "{}{}", "the{}", "{}love"]


def digit_runs():
    out = []
    for d in "0123456789":
        out += [d * n for n in range(4, 17)]
    for n in range(4, 21):
        out.append("".join(str(i % 10) for i in range(1, n + 1)))
        out.append("".join(str((10 - i) % 10) for i in range(1, n + 1)))
    for pair in ["12", "21", "69", "11", "00", "13", "99", "01", "10"]:
        out += [pair * n for n in range(2, 9)]
    for triple in ["123", "321", "abc", "qwe", "asd", "zxc", "147", "789", "456"]:
        out += [triple * n for n in range(2, 6)]
    return out


def years():
    return [str(y) for y in range(1940, 2036)]


def build():
    words = TOP + NAMES + TEAMS + PLACES_AND_TIME + CLINIC
    entries = list(TOP) + KEYBOARD + digit_runs() + years() + NAMES + TEAMS + PLACES_AND_TIME + CLINIC
    for w in words:
        if w.isalpha() and len(w) >= 4:
            entries += [p.format(w, w) for p in WORD_PATTERNS]
    for walk in KEYBOARD:
        entries += [walk[:n] for n in range(6, len(walk))]
    seen, out = set(), []
    for e in entries:
        e = e.lower()
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


def main():
    entries = build()
    print("# Common passwords refused by the password policy (src/auth/password.h), one per line,")
    print("# compared case-insensitively; a listed entry followed by digits or symbols is refused too.")
    print("# Generated by scripts/common-passwords.py, which says where the entries come from.")
    print(f"# {len(entries)} entries.")
    for e in entries:
        print(e)


if __name__ == "__main__":
    main()
