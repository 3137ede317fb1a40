<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>AboutYouPage</name>
    <message>
        <source>About you</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Amdanoch chi</translation>
    </message>
    <message>
        <source>All of these are optional. For each one you fill in, choose whether it may be shown with your video. If you choose No, only the communications team will see it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae pob un o&apos;r rhain yn ddewisol. Ar gyfer pob un rydych chi&apos;n ei lenwi, dewiswch a gaiff ei ddangos gyda&apos;ch fideo. Os dewiswch Na, dim ond y tîm cyfathrebu fydd yn ei weld.</translation>
    </message>
    <message>
        <source>Your name (optional)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich enw (dewisol)</translation>
    </message>
    <message>
        <source>Show my name with my video?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dangos fy enw gyda fy fideo?</translation>
    </message>
    <message>
        <source>Your job title (optional)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Teitl eich swydd (dewisol)</translation>
    </message>
    <message>
        <source>Show my job title with my video?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dangos teitl fy swydd gyda fy fideo?</translation>
    </message>
    <message>
        <source>Where you work (optional)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ble rydych chi&apos;n gweithio (dewisol)</translation>
    </message>
    <message>
        <source>Show where I work with my video?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dangos ble rwy&apos;n gweithio gyda fy fideo?</translation>
    </message>
    <message>
        <source>Optional. Leave it empty if you prefer. Up to {n} characters.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewisol. Gadewch yn wag os yw&apos;n well gennych. Hyd at {n} nod.</translation>
    </message>
    <message>
        <source>Please choose Yes or No: show your name with your video?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch Ie neu Na: dangos eich enw gyda&apos;ch fideo?</translation>
    </message>
    <message>
        <source>Please choose Yes or No: show your job title with your video?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch Ie neu Na: dangos teitl eich swydd gyda&apos;ch fideo?</translation>
    </message>
    <message>
        <source>Please choose Yes or No: show where you work with your video?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch Ie neu Na: dangos ble rydych chi&apos;n gweithio gyda&apos;ch fideo?</translation>
    </message>
</context>
<context>
    <name>AuditText</name>
    <message>
        <source>The app</source>
        <extracomment>The server&apos;s actors that are not a reviewer&apos;s user name.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yr ap</translation>
    </message>
    <message>
        <source>The server</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Y gweinydd</translation>
    </message>
    <message>
        <source>The server&apos;s administrator</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gweinyddwr y gweinydd</translation>
    </message>
    <message>
        <source>Someone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhywun</translation>
    </message>
    <message>
        <source>{who} approved it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cymeradwyodd {who} ef.</translation>
    </message>
    <message>
        <source>{who} asked for changes.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gofynnodd {who} am newidiadau.</translation>
    </message>
    <message>
        <source>{who} rejected it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwrthododd {who} ef.</translation>
    </message>
    <message>
        <source>{who} made a decision.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwnaeth {who} benderfyniad.</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nodyn: {note}</translation>
    </message>
    <message>
        <source>The app started sending it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dechreuodd yr ap ei anfon.</translation>
    </message>
    <message>
        <source>The app finished uploading answer {n}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gorffennodd yr ap lwytho ateb {n} i fyny.</translation>
    </message>
    <message>
        <source>Received in full and checked; reference {reference}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i dderbyn yn llawn a&apos;i wirio; cyfeirnod {reference}.</translation>
    </message>
    <message>
        <source>{who} commented on answer {n} at {time}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhoddodd {who} sylw ar ateb {n} am {time}.</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>“{text}”</translation>
    </message>
    <message>
        <source>The person withdrew it with their withdrawal code; video files deleted: {n}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tynnodd yr unigolyn ef yn ôl gyda&apos;i god tynnu&apos;n ôl; ffeiliau fideo wedi&apos;u dileu: {n}.</translation>
    </message>
    <message>
        <source>{who} withdrew it at the person&apos;s request; video files deleted: {n}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tynnodd {who} ef yn ôl ar gais yr unigolyn; ffeiliau fideo wedi&apos;u dileu: {n}.</translation>
    </message>
    <message>
        <source>The consent expired; video files deleted: {n}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Daeth y caniatâd i ben; ffeiliau fideo wedi&apos;u dileu: {n}.</translation>
    </message>
    <message>
        <source>The app discarded this unfinished version.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Taflodd yr ap y fersiwn anorffenedig hon.</translation>
    </message>
    <message>
        <source>{who} recorded how the consent wording is known.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cofnododd {who} sut mae&apos;r geiriad caniatâd yn hysbys.</translation>
    </message>
    <message>
        <source>{who} fetched answer {n} to export for internal use only.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd {who} ateb {n} i&apos;w allforio at ddefnydd mewnol yn unig.</translation>
    </message>
    <message>
        <source>{who} fetched answer {n} to export for public social media.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd {who} ateb {n} i&apos;w allforio ar gyfer cyfryngau cymdeithasol cyhoeddus.</translation>
    </message>
    <message>
        <source>{who}: {what}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{who}: {what}.</translation>
    </message>
    <message>
        <source>{when} — {what}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{when} — {what}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Audit trail</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Trywydd archwilio</translation>
    </message>
    <message>
        <source>Everything done to this submission, oldest first: when, who, what.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Popeth a wnaed i&apos;r cyflwyniad hwn, yr hynaf yn gyntaf: pryd, pwy, beth.</translation>
    </message>
</context>
<context>
    <name>CheckAndSendPage</name>
    <message>
        <source>Sending your video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn anfon eich fideo</translation>
    </message>
    <message>
        <source>Check your answers and send</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch eich atebion ac anfon</translation>
    </message>
    <message>
        <source>Here are your answers. You can record any of them again, or answer a question you skipped, before sending.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dyma eich atebion. Gallwch recordio unrhyw un ohonyn nhw eto, neu ateb cwestiwn a hepgorwyd gennych, cyn anfon.</translation>
    </message>
    <message>
        <source>Send my video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Anfon fy fideo</translation>
    </message>
    <message>
        <source>Sends your answers, the details you chose to give and your consent answers to the campaign team. Nothing is sent before you press it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn anfon eich atebion, y manylion y dewisoch eu rhoi a&apos;ch atebion caniatâd at dîm yr ymgyrch. Does dim yn cael ei anfon cyn i chi ei bwyso.</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cynnydd anfon</translation>
    </message>
    <message>
        <source>Stop sending for now</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopio anfon am y tro</translation>
    </message>
    <message>
        <source>Your video stays on this computer and is sent when you press Send again, or the next time Voicebooth starts.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae eich fideo&apos;n aros ar y cyfrifiadur hwn ac yn cael ei anfon pan fyddwch chi&apos;n pwyso Anfon eto, neu y tro nesaf y bydd Voicebooth yn dechrau.</translation>
    </message>
    <message>
        <source>Name</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Job title</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Teitl swydd</translation>
    </message>
    <message>
        <source>Where you work</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ble rydych chi&apos;n gweithio</translation>
    </message>
    <message>
        <source>{label}: {value} ({shown})</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{label}: {value} ({shown})</translation>
    </message>
    <message>
        <source>may be shown with your video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>gellir ei ddangos gyda&apos;ch fideo</translation>
    </message>
    <message>
        <source>not shown, only for the team</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>ni chaiff ei ddangos, dim ond i&apos;r tîm</translation>
    </message>
    <message>
        <source>You chose not to give any details about yourself.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Fe ddewisoch beidio â rhoi unrhyw fanylion amdanoch chi&apos;ch hun.</translation>
    </message>
    <message>
        <source>Sent with your video:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cael ei anfon gyda&apos;ch fideo:</translation>
    </message>
    <message>
        <source>You can close Voicebooth if you need to: sending carries on the next time it starts.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gallwch gau Voicebooth os oes angen: bydd yr anfon yn parhau y tro nesaf y bydd yn dechrau.</translation>
    </message>
    <message>
        <source>Answer at least one question before sending.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Atebwch o leiaf un cwestiwn cyn anfon.</translation>
    </message>
    <message>
        <source>Your video will stay on this computer until it has been sent.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Bydd eich fideo&apos;n aros ar y cyfrifiadur hwn nes iddo gael ei anfon.</translation>
    </message>
    <message>
        <source>Getting ready to send…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn paratoi i anfon…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn stopio…</translation>
    </message>
    <message>
        <source>Sending stopped. Your video is saved on this computer and will be sent the next time Voicebooth starts, or choose Send to send it now.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r anfon wedi stopio. Mae eich fideo wedi&apos;i gadw ar y cyfrifiadur hwn a bydd yn cael ei anfon y tro nesaf y bydd Voicebooth yn dechrau, neu dewiswch Anfon i&apos;w anfon nawr.</translation>
    </message>
    <message>
        <source>(no picture)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>(dim llun)</translation>
    </message>
    <message>
        <source>Picture from your answer to: {prompt}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llun o&apos;ch ateb i: {prompt}</translation>
    </message>
    <message>
        <source>{prompt}
✓ Answered ({length} long)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{prompt}
✓ Wedi&apos;i ateb ({length} o hyd)</translation>
    </message>
    <message>
        <source>Record again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Recordio eto</translation>
    </message>
    <message>
        <source>Record your answer again to: {prompt}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Recordio eich ateb eto i: {prompt}</translation>
    </message>
    <message>
        <source>Goes back to this question. Your answer is kept until you record a new one.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn mynd yn ôl at y cwestiwn hwn. Mae eich ateb yn cael ei gadw nes i chi recordio un newydd.</translation>
    </message>
    <message>
        <source>No answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dim ateb</translation>
    </message>
    <message>
        <source>{prompt}
Not answered: it will not be sent.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{prompt}
Heb ei ateb: ni chaiff ei anfon.</translation>
    </message>
    <message>
        <source>Answer it now</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ei ateb nawr</translation>
    </message>
    <message>
        <source>Answer this question now: {prompt}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ateb y cwestiwn hwn nawr: {prompt}</translation>
    </message>
    <message>
        <source>Goes to this question so you can record an answer.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn mynd at y cwestiwn hwn er mwyn i chi recordio ateb.</translation>
    </message>
    <message>
        <source>an unexpected problem</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>problem annisgwyl</translation>
    </message>
    <message>
        <source>Your video could not be sent yet ({reason}). It is saved on this computer and will be sent the next time Voicebooth starts, or choose Send to try again now.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd anfon eich fideo eto ({reason}). Mae wedi&apos;i gadw ar y cyfrifiadur hwn a bydd yn cael ei anfon y tro nesaf y bydd Voicebooth yn dechrau, neu dewiswch Anfon i roi cynnig arall arni nawr.</translation>
    </message>
    <message>
        <source>Sent {sent} of {total} · {rate}/s · about {left} left</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi anfon {sent} o {total} · {rate}/e · tua {left} ar ôl</translation>
    </message>
</context>
<context>
    <name>CommentsView</name>
    <message>
        <source>Comments (click one to jump to its time)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sylwadau (cliciwch un i neidio i&apos;w amser)</translation>
    </message>
    <message>
        <source>Comments</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sylwadau</translation>
    </message>
    <message>
        <source>Comment at the current time</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sylw ar yr amser presennol</translation>
    </message>
    <message>
        <source>New comment</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sylw newydd</translation>
    </message>
    <message>
        <source>Add at {time} (Alt+M)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ychwanegu am {time} (Alt+M)</translation>
    </message>
    <message>
        <source>Add the comment at the current time</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ychwanegu&apos;r sylw ar yr amser presennol</translation>
    </message>
    <message>
        <source>Enter on a comment jumps the video to it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae Enter ar sylw yn neidio&apos;r fideo ato.</translation>
    </message>
    <message>
        <source>Enter adds it at the video&apos;s position.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae Enter yn ei ychwanegu yn safle&apos;r fideo.</translation>
    </message>
    <message>
        <source>Saves the comment at the video&apos;s position (Alt+M).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw&apos;r sylw yn safle&apos;r fideo (Alt+M).</translation>
    </message>
    <message>
        <source>Answer {n} at {time}: {text} ({who})</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ateb {n} am {time}: {text} ({who})</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>How your video will be used</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sut y bydd eich fideo&apos;n cael ei ddefnyddio</translation>
    </message>
    <message>
        <source>Please read this, then answer each question. Questions marked (required) need a Yes to take part.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Darllenwch hwn, yna atebwch bob cwestiwn. Mae angen Ie i&apos;r cwestiynau sydd wedi&apos;u marcio (gofynnol) er mwyn cymryd rhan.</translation>
    </message>
    <message>
        <source>(required)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>(gofynnol)</translation>
    </message>
    <message>
        <source>Required: you need to answer Yes to take part.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gofynnol: mae angen i chi ateb Ie i gymryd rhan.</translation>
    </message>
    <message>
        <source>Optional: you can take part whichever you choose.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewisol: gallwch gymryd rhan beth bynnag a ddewiswch.</translation>
    </message>
    <message>
        <source>Answer Yes or No: {question}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Atebwch Ie neu Na: {question}</translation>
    </message>
    <message>
        <source>Answer Yes to take part (required): {question} If you do not want to, press Cancel: nothing has been recorded.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Atebwch Ie i gymryd rhan (gofynnol): {question} Os nad ydych eisiau, pwyswch Canslo: nid oes dim wedi&apos;i recordio.</translation>
    </message>
</context>
<context>
    <name>ConsentView</name>
    <message>
        <source>Consent</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Caniatâd</translation>
    </message>
    <message>
        <source>About the person</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Am yr unigolyn</translation>
    </message>
    <message>
        <source>Exact wording they agreed to</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yr union eiriad y cytunon nhw iddo</translation>
    </message>
    <message>
        <source>Exact consent wording</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Union eiriad y caniatâd</translation>
    </message>
    <message>
        <source>The words the person read before agreeing, in their language.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Y geiriau a ddarllenodd y person cyn cytuno, yn eu hiaith nhw.</translation>
    </message>
    <message>
        <source>How do you know which wording they were shown? (e.g. the signed paper form, the campaign pack version used at the event). This is kept in the audit trail.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sut ydych chi&apos;n gwybod pa eiriad a ddangoswyd iddyn nhw? (e.e. y ffurflen bapur wedi&apos;i llofnodi, y fersiwn o&apos;r pecyn ymgyrch a ddefnyddiwyd yn y digwyddiad). Caiff hyn ei gadw yn y trywydd archwilio.</translation>
    </message>
    <message>
        <source>How the wording is known</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sut mae&apos;r geiriad yn hysbys</translation>
    </message>
    <message>
        <source>Record how the wording is known</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cofnodi sut mae&apos;r geiriad yn hysbys</translation>
    </message>
    <message>
        <source>Saves your reason on the server; then the video can be exported.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw eich rheswm ar y gweinydd; yna gellir allforio&apos;r fideo.</translation>
    </message>
    <message>
        <source>WITHDRAWN: this person has withdrawn consent. Do not use.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>WEDI&apos;I DYNNU&apos;N ÔL: mae&apos;r unigolyn hwn wedi tynnu ei ganiatâd yn ôl. Peidiwch â&apos;i ddefnyddio.</translation>
    </message>
    <message>
        <source>EXPIRED: this consent has run out. Do not use.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>WEDI DOD I BEN: mae&apos;r caniatâd hwn wedi dod i ben. Peidiwch â&apos;i ddefnyddio.</translation>
    </message>
    <message>
        <source>WORDING NOT VERIFIED: the server does not hold the exact words this person agreed to. It cannot be exported until you record how the wording is known.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>GEIRIAD HEB EI WIRIO: nid oes gan y gweinydd yr union eiriau y cytunodd yr unigolyn hwn iddynt. Ni ellir ei allforio nes i chi gofnodi sut mae&apos;r geiriad yn hysbys.</translation>
    </message>
    <message>
        <source>Consent given and current.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Caniatâd wedi&apos;i roi ac yn ddilys.</translation>
    </message>
    <message>
        <source>May be used: internal communications and public social media.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gellir ei ddefnyddio: cyfathrebu mewnol a chyfryngau cymdeithasol cyhoeddus.</translation>
    </message>
    <message>
        <source>May be used: internal communications. Not on public social media.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gellir ei ddefnyddio: cyfathrebu mewnol. Nid ar gyfryngau cymdeithasol cyhoeddus.</translation>
    </message>
    <message>
        <source>Version: {version}
Given: {given}
Expires: {expires}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Fersiwn: {version}
Rhoddwyd: {given}
Yn dod i ben: {expires}</translation>
    </message>
    <message>
        <source>no expiry recorded</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>dim dyddiad dod i ben wedi&apos;i gofnodi</translation>
    </message>
    <message>
        <source>No choices recorded.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dim dewisiadau wedi&apos;u cofnodi.</translation>
    </message>
    <message>
        <source>{field}: {value} ({shown})</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{field}: {value} ({shown})</translation>
    </message>
    <message>
        <source>may be shown with the video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>gellir ei ddangos gyda&apos;r fideo</translation>
    </message>
    <message>
        <source>NOT to be shown</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>NID i&apos;w ddangos</translation>
    </message>
    <message>
        <source>Email</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>E-bost</translation>
    </message>
    <message>
        <source>Phone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ffôn</translation>
    </message>
    <message>
        <source>{field}: {value} (only to contact them about how their video is used)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{field}: {value} (dim ond i gysylltu â nhw ynglŷn â sut y defnyddir eu fideo)</translation>
    </message>
    <message>
        <source>They chose not to give any details.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewison nhw beidio â rhoi unrhyw fanylion.</translation>
    </message>
    <message>
        <source>Checked: these are exactly the words the person was shown (the intake server&apos;s record).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i wirio: dyma&apos;r union eiriau a ddangoswyd i&apos;r unigolyn (cofnod y gweinydd derbyn).</translation>
    </message>
    <message>
        <source>{reviewer} recorded on {when} how the wording is known: {reason}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cofnododd {reviewer} ar {when} sut mae&apos;r geiriad yn hysbys: {reason}</translation>
    </message>
    <message>
        <source>The wording of consent version {version} is not in this campaign pack, so it cannot be shown here. Its fingerprint is {sha}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw geiriad fersiwn caniatâd {version} yn y pecyn ymgyrch hwn, felly ni ellir ei ddangos yma. Ei ôl bys yw {sha}.</translation>
    </message>
    <message>
        <source>The server does not hold this wording: it is shown from this computer&apos;s campaign pack, whose words match the fingerprint recorded with the submission.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes gan y gweinydd y geiriad hwn: fe&apos;i dangosir o becyn ymgyrch y cyfrifiadur hwn, y mae ei eiriau&apos;n cyfateb i&apos;r ôl bys a gofnodwyd gyda&apos;r cyflwyniad.</translation>
    </message>
    <message>
        <source>Warning: these words do not match the fingerprint recorded with the submission; the person may have seen a different wording.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhybudd: nid yw&apos;r geiriau hyn yn cyfateb i&apos;r ôl bys a gofnodwyd gyda&apos;r cyflwyniad; efallai fod yr unigolyn wedi gweld geiriad gwahanol.</translation>
    </message>
</context>
<context>
    <name>ContactDetails</name>
    <message>
        <source>How can we contact you? Both are optional. We use them only to ask you about how your video is used. Only the people who review the videos see them; they are never published and are deleted with your video.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sut gallwn ni gysylltu â chi? Mae&apos;r ddau&apos;n ddewisol. Dim ond i ofyn i chi am sut y defnyddir eich fideo y byddwn ni&apos;n eu defnyddio. Dim ond y bobl sy&apos;n adolygu&apos;r fideos sy&apos;n eu gweld; ni chânt eu cyhoeddi byth a chânt eu dileu gyda&apos;ch fideo.</translation>
    </message>
    <message>
        <source>Email address (optional)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyfeiriad e-bost (dewisol)</translation>
    </message>
    <message>
        <source>Phone number (optional)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhif ffôn (dewisol)</translation>
    </message>
    <message>
        <source>Enter an email address in the correct format, like name@example.nhs.uk</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.nhs.uk</translation>
    </message>
    <message>
        <source>Enter a phone number, like 07700 900 982 or +44 7700 900 982</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhowch rif ffôn, fel 07700 900 982 neu +44 7700 900 982</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>No camera was found. Plug in a webcam (or check it is switched on), then choose Try again. If the camera is built in, check no other program is using it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chanfuwyd camera. Cysylltwch we-gamera (neu gwiriwch ei fod wedi&apos;i droi ymlaen), yna dewiswch Rhowch gynnig arall. Os yw&apos;r camera yn rhan o&apos;r cyfrifiadur, gwiriwch nad oes rhaglen arall yn ei ddefnyddio.</translation>
    </message>
    <message>
        <source>No camera was found at number {number}. Check it is plugged in and not used by another program.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chanfuwyd camera rhif {number}. Gwiriwch ei fod wedi&apos;i gysylltu ac nad oes rhaglen arall yn ei ddefnyddio.</translation>
    </message>
    <message>
        <source>{uri} is not a camera Voicebooth knows. Ask IT to check the camera setting.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw {uri} yn gamera y mae Voicebooth yn ei adnabod. Gofynnwch i TG wirio gosodiad y camera.</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures. Check it is still plugged in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopiodd y camera anfon lluniau. Gwiriwch ei fod wedi&apos;i gysylltu o hyd.</translation>
    </message>
    <message>
        <source>The camera stopped working. Check it is still plugged in, then try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopiodd y camera weithio. Gwiriwch ei fod wedi&apos;i gysylltu o hyd, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Windows Group Policy blocks the camera for apps on this PC ({setting}). Ask IT to set &apos;Let Windows apps access the camera&apos; to &apos;User is in control&apos; or &apos;Force Allow&apos;.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae Polisi Grŵp Windows yn rhwystro apiau rhag defnyddio&apos;r camera ar y cyfrifiadur hwn ({setting}). Gofynnwch i TG osod &apos;Let Windows apps access the camera&apos; i &apos;User is in control&apos; neu &apos;Force Allow&apos;.</translation>
    </message>
    <message>
        <source>Camera access is turned off for this PC in Windows Settings &gt; Privacy and security &gt; Camera (an administrator must turn it on).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae mynediad i&apos;r camera wedi&apos;i ddiffodd ar gyfer y cyfrifiadur hwn yn Gosodiadau Windows &gt; Preifatrwydd a diogelwch &gt; Camera (rhaid i weinyddwr ei droi ymlaen).</translation>
    </message>
    <message>
        <source>&apos;Let desktop apps access your camera&apos; is off for this user in Windows Settings &gt; Privacy and security &gt; Camera. Turn it on, then start Voicebooth again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae &apos;Caniatáu i apiau bwrdd gwaith gael mynediad i&apos;ch camera&apos; wedi&apos;i ddiffodd i&apos;r defnyddiwr hwn yn Gosodiadau Windows &gt; Preifatrwydd a diogelwch &gt; Camera. Trowch ef ymlaen, yna dechreuwch Voicebooth eto.</translation>
    </message>
    <message>
        <source>No microphone was found. Plug in a headset or microphone (or check it is switched on), then choose Try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chanfuwyd meicroffon. Cysylltwch glustffonau neu feicroffon (neu gwiriwch ei fod wedi&apos;i droi ymlaen), yna dewiswch Rhowch gynnig arall.</translation>
    </message>
    <message>
        <source>The microphone {name} was not found. Check it is plugged in, or choose another one.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chanfuwyd y meicroffon {name}. Gwiriwch ei fod wedi&apos;i gysylltu, neu dewiswch un arall.</translation>
    </message>
    <message>
        <source>{uri} is not a microphone Voicebooth knows. Ask IT to check the microphone setting.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw {uri} yn feicroffon y mae Voicebooth yn ei adnabod. Gofynnwch i TG wirio gosodiad y meicroffon.</translation>
    </message>
    <message>
        <source>The microphone could not be opened from this part of the program.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd agor y meicroffon o&apos;r rhan hon o&apos;r rhaglen.</translation>
    </message>
    <message>
        <source>The microphone cannot record at 48 kHz. Choose another microphone.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni all y meicroffon recordio ar 48 kHz. Dewiswch feicroffon arall.</translation>
    </message>
    <message>
        <source>The microphone could not be started. It may be in use by another program.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cychwyn y meicroffon. Efallai fod rhaglen arall yn ei ddefnyddio.</translation>
    </message>
    <message>
        <source>The microphone stopped working. Check it is still plugged in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopiodd y meicroffon weithio. Gwiriwch ei fod wedi&apos;i gysylltu o hyd.</translation>
    </message>
    <message>
        <source>Windows Group Policy blocks the microphone for apps on this PC ({setting}). Ask IT to set &apos;Let Windows apps access the microphone&apos; to &apos;User is in control&apos; or &apos;Force Allow&apos;.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae Polisi Grŵp Windows yn rhwystro apiau rhag defnyddio&apos;r meicroffon ar y cyfrifiadur hwn ({setting}). Gofynnwch i TG osod &apos;Let Windows apps access the microphone&apos; i &apos;User is in control&apos; neu &apos;Force Allow&apos;.</translation>
    </message>
    <message>
        <source>Microphone access is turned off for this PC in Windows Settings &gt; Privacy and security &gt; Microphone (an administrator must turn it on).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae mynediad i&apos;r meicroffon wedi&apos;i ddiffodd ar gyfer y cyfrifiadur hwn yn Gosodiadau Windows &gt; Preifatrwydd a diogelwch &gt; Meicroffon (rhaid i weinyddwr ei droi ymlaen).</translation>
    </message>
    <message>
        <source>&apos;Let desktop apps access your microphone&apos; is off for this user in Windows Settings &gt; Privacy and security &gt; Microphone. Turn it on, then start Voicebooth again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae &apos;Caniatáu i apiau bwrdd gwaith gael mynediad i&apos;ch meicroffon&apos; wedi&apos;i ddiffodd i&apos;r defnyddiwr hwn yn Gosodiadau Windows &gt; Preifatrwydd a diogelwch &gt; Meicroffon. Trowch ef ymlaen, yna dechreuwch Voicebooth eto.</translation>
    </message>
    <message>
        <source>The video file {path} does not exist.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r ffeil fideo {path} yn bodoli.</translation>
    </message>
    <message>
        <source>The sound file {path} does not exist.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r ffeil sain {path} yn bodoli.</translation>
    </message>
    <message>
        <source>The file {name} is not a video we can play.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r ffeil {name} yn fideo y gallwn ei chwarae.</translation>
    </message>
    <message>
        <source>The file {name} is a picture or too short; a video is needed.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llun yw&apos;r ffeil {name}, neu mae&apos;n rhy fyr; mae angen fideo.</translation>
    </message>
    <message>
        <source>The file {name} has no sound we can play.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes sain y gallwn ei chwarae yn y ffeil {name}.</translation>
    </message>
    <message>
        <source>The file {name} is damaged and could not be read to the end.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r ffeil {name} wedi&apos;i difrodi ac nid oedd modd ei darllen hyd y diwedd.</translation>
    </message>
    <message>
        <source>The video tool (ffmpeg) could not be started to read the file.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cychwyn yr offeryn fideo (ffmpeg) i ddarllen y ffeil.</translation>
    </message>
    <message>
        <source>Voicebooth cannot create the folder for recordings ({folder}). Ask IT to check the folder exists and you are allowed to save there.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni all Voicebooth greu&apos;r ffolder ar gyfer recordiadau ({folder}). Gofynnwch i TG wirio bod y ffolder yn bodoli a bod gennych hawl i gadw yno.</translation>
    </message>
    <message>
        <source>Voicebooth cannot save recordings in {folder}: the folder is read-only or you are not allowed to write there. Ask IT to check the data folder.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni all Voicebooth gadw recordiadau yn {folder}: mae&apos;r ffolder yn un darllen-yn-unig neu nid oes gennych hawl i ysgrifennu yno. Gofynnwch i TG wirio&apos;r ffolder data.</translation>
    </message>
    <message>
        <source>There is not enough free disk space to record: this recording needs about {need_mb} MB but only {free_mb} MB are free. Delete some files or ask IT.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes digon o le ar y ddisg i recordio: mae angen tua {need_mb} MB ar y recordiad hwn ond dim ond {free_mb} MB sy&apos;n rhydd. Dilëwch rai ffeiliau neu gofynnwch i TG.</translation>
    </message>
    <message>
        <source>The recording could not start: a file could not be written or the video tool failed.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd dechrau recordio: nid oedd modd ysgrifennu ffeil neu methodd yr offeryn fideo.</translation>
    </message>
    <message>
        <source>The recording could not start: the disk is full.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd dechrau recordio: mae&apos;r ddisg yn llawn.</translation>
    </message>
    <message>
        <source>This recording has already been started.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r recordiad hwn eisoes wedi dechrau.</translation>
    </message>
    <message>
        <source>The recording did not finish saving in time.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni orffennodd y recordiad gael ei gadw mewn pryd.</translation>
    </message>
    <message>
        <source>This recording is in use by another Voicebooth window.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae ffenestr Voicebooth arall yn defnyddio&apos;r recordiad hwn.</translation>
    </message>
    <message>
        <source>The recording has no video frames.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes unrhyw fframiau fideo yn y recordiad.</translation>
    </message>
    <message>
        <source>The recording has no sound file.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes ffeil sain gan y recordiad.</translation>
    </message>
    <message>
        <source>The part of the recording to keep is too short.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r rhan o&apos;r recordiad i&apos;w chadw yn rhy fyr.</translation>
    </message>
    <message>
        <source>There is not enough free disk space to finish the recording.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes digon o le ar y ddisg i orffen y recordiad.</translation>
    </message>
    <message>
        <source>The recording could not be finished because a file could not be read or written.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd gorffen y recordiad oherwydd nid oedd modd darllen neu ysgrifennu ffeil.</translation>
    </message>
    <message>
        <source>The video tool could not finish the recording.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd yr offeryn fideo yn gallu gorffen y recordiad.</translation>
    </message>
    <message>
        <source>Nothing could be saved: Voicebooth closed before any picture was recorded.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cadw dim: caeodd Voicebooth cyn i unrhyw lun gael ei recordio.</translation>
    </message>
    <message>
        <source>The unfinished recording could not be read.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd darllen y recordiad anorffenedig.</translation>
    </message>
    <message>
        <source>No intake server address is set (ask IT to set server_url).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes cyfeiriad gweinydd derbyn wedi&apos;i osod (gofynnwch i TG osod server_url).</translation>
    </message>
    <message>
        <source>No upload key is set on this computer (ask IT to set upload_key).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes allwedd lanlwytho wedi&apos;i gosod ar y cyfrifiadur hwn (gofynnwch i TG osod upload_key).</translation>
    </message>
    <message>
        <source>This submission is not in the outbox.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r cyflwyniad hwn yn y blwch anfon.</translation>
    </message>
    <message>
        <source>This submission was cancelled.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd y cyflwyniad hwn ei ganslo.</translation>
    </message>
    <message>
        <source>This submission is no longer waiting to be sent.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r cyflwyniad hwn yn aros i gael ei anfon mwyach.</translation>
    </message>
    <message>
        <source>An earlier version of this submission was sent meanwhile.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd fersiwn gynharach o&apos;r cyflwyniad hwn ei hanfon yn y cyfamser.</translation>
    </message>
    <message>
        <source>The intake server at {host} is not accepting connections (it may be down)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r gweinydd derbyn yn {host} yn derbyn cysylltiadau (efallai ei fod i lawr)</translation>
    </message>
    <message>
        <source>The intake server address {host} could not be found (check the network connection)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd dod o hyd i gyfeiriad y gweinydd derbyn {host} (gwiriwch y cysylltiad rhwydwaith)</translation>
    </message>
    <message>
        <source>The intake server at {host} did not answer in time</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni atebodd y gweinydd derbyn yn {host} mewn pryd</translation>
    </message>
    <message>
        <source>The connection to the intake server at {host} was lost</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Collwyd y cysylltiad â&apos;r gweinydd derbyn yn {host}</translation>
    </message>
    <message>
        <source>A network problem stopped the connection to {host}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Fe wnaeth problem rhwydwaith atal y cysylltiad â {host}</translation>
    </message>
    <message>
        <source>The network proxy did not let the connection to {host} through</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni wnaeth dirprwy&apos;r rhwydwaith adael i&apos;r cysylltiad â {host} fynd drwodd</translation>
    </message>
    <message>
        <source>The connection to {host} is not trusted: its security certificate was not issued by an authority this computer trusts (ask IT to set the ca_bundle setting for the network&apos;s proxy)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes modd ymddiried yn y cysylltiad â {host}: ni chafodd ei dystysgrif diogelwch ei chyhoeddi gan awdurdod y mae&apos;r cyfrifiadur hwn yn ymddiried ynddo (gofynnwch i TG osod y gosodiad ca_bundle ar gyfer dirprwy&apos;r rhwydwaith)</translation>
    </message>
    <message>
        <source>A secure connection to {host} could not be made</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd gwneud cysylltiad diogel â {host}</translation>
    </message>
    <message>
        <source>The intake server had a temporary problem (HTTP {status})</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd y gweinydd derbyn broblem dros dro (HTTP {status})</translation>
    </message>
    <message>
        <source>The intake server did not accept this computer&apos;s upload key.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni dderbyniodd y gweinydd derbyn allwedd lanlwytho&apos;r cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>The intake server refused the submission. Ask IT to look at the log.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwrthododd y gweinydd derbyn y cyflwyniad. Gofynnwch i TG edrych ar y log.</translation>
    </message>
    <message>
        <source>The intake server answered unexpectedly.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Atebodd y gweinydd derbyn mewn ffordd annisgwyl.</translation>
    </message>
    <message>
        <source>The intake server tried to send this upload to another address ({host}); nothing was sent there. Ask IT to check the server address.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ceisiodd y gweinydd derbyn anfon y llwythiad hwn i gyfeiriad arall ({host}); ni anfonwyd dim yno. Gofynnwch i TG wirio cyfeiriad y gweinydd.</translation>
    </message>
    <message>
        <source>The video is larger than the intake server accepts.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r fideo yn fwy nag y mae&apos;r gweinydd derbyn yn ei dderbyn.</translation>
    </message>
    <message>
        <source>The network refuses even small parts of the upload.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r rhwydwaith yn gwrthod hyd yn oed rhannau bach o&apos;r lanlwytho.</translation>
    </message>
    <message>
        <source>The video file {name} is missing from this computer.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r ffeil fideo {name} ar goll o&apos;r cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>The video file {name} changed after it was queued.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Newidiodd y ffeil fideo {name} ar ôl iddi gael ei rhoi yn y ciw.</translation>
    </message>
    <message>
        <source>The submission folder holds a different version of this submission.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r ffolder cyflwyno yn dal fersiwn wahanol o&apos;r cyflwyniad hwn.</translation>
    </message>
    <message>
        <source>The server no longer had one of the videos; it will be sent again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd gan y gweinydd un o&apos;r fideos mwyach; bydd yn cael ei anfon eto.</translation>
    </message>
    <message>
        <source>There is no consent record to send with the video.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes cofnod caniatâd i&apos;w anfon gyda&apos;r fideo.</translation>
    </message>
    <message>
        <source>The certificate file set as ca_bundle ({path}) does not exist.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r ffeil dystysgrif a osodwyd fel ca_bundle ({path}) yn bodoli.</translation>
    </message>
    <message>
        <source>The certificate file set as ca_bundle ({path}) could not be read as PEM certificates.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd darllen y ffeil dystysgrif a osodwyd fel ca_bundle ({path}) fel tystysgrifau PEM.</translation>
    </message>
    <message>
        <source>{count} of the sent recordings could not be deleted from {folder}; Voicebooth will try again at the next start.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd dileu {count} o&apos;r recordiadau a anfonwyd o {folder}; bydd Voicebooth yn rhoi cynnig arall arni pan fydd yn dechrau nesaf.</translation>
    </message>
    <message>
        <source>The intake server does not have the consent wording this person was shown, so it cannot accept the video. The video is kept on this computer: ask IT to bring the campaign up to date on this computer and on the server.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes gan y gweinydd derbyn y geiriad caniatâd a ddangoswyd i&apos;r unigolyn hwn, felly ni all dderbyn y fideo. Caiff y fideo ei gadw ar y cyfrifiadur hwn: gofynnwch i&apos;r adran TG ddiweddaru&apos;r ymgyrch ar y cyfrifiadur hwn ac ar y gweinydd.</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhowch eich enw defnyddiwr a&apos;ch cyfrinair.</translation>
    </message>
    <message>
        <source>The user name or password is not right. Check them and try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r enw defnyddiwr na&apos;r cyfrinair yn gywir. Gwiriwch nhw a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. The account is locked for a few minutes; try again later.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gormod o gyfrineiriau anghywir. Mae&apos;r cyfrif wedi&apos;i gloi am ychydig funudau; rhowch gynnig arall arni yn nes ymlaen.</translation>
    </message>
    <message>
        <source>Your sign-in has ended. Please sign in again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae eich mewngofnodi wedi dod i ben. Mewngofnodwch eto.</translation>
    </message>
    <message>
        <source>The sign-in could not be kept in this computer&apos;s password store.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cadw&apos;r mewngofnodi yn storfa gyfrineiriau&apos;r cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>The intake server had a problem and could not answer. Try again in a minute; if it keeps happening, tell IT.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd y gweinydd derbyn broblem ac ni allai ateb. Rhowch gynnig arall arni mewn munud; os yw&apos;n dal i ddigwydd, rhowch wybod i TG.</translation>
    </message>
    <message>
        <source>The server at {host} sent an answer that is not from a Voicebooth intake server. Check the server address.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Anfonodd y gweinydd yn {host} ateb nad yw&apos;n dod o weinydd derbyn Voicebooth. Gwiriwch gyfeiriad y gweinydd.</translation>
    </message>
    <message>
        <source>This submission is not on the server any more.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r cyflwyniad hwn ar y gweinydd mwyach.</translation>
    </message>
    <message>
        <source>This video is not on the server any more. It may have been withdrawn or its consent expired.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r fideo hwn ar y gweinydd mwyach. Efallai ei fod wedi&apos;i dynnu&apos;n ôl neu fod ei ganiatâd wedi dod i ben.</translation>
    </message>
    <message>
        <source>The video arrived damaged (its checksum does not match what was recorded). Try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyrhaeddodd y fideo wedi&apos;i ddifrodi (nid yw ei swm gwirio yn cyfateb i&apos;r hyn a recordiwyd). Rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>This answer is not part of the submission any more.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r ateb hwn yn rhan o&apos;r cyflwyniad mwyach.</translation>
    </message>
    <message>
        <source>The intake server refused this: {reason}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwrthododd y gweinydd derbyn hyn: {reason}</translation>
    </message>
    <message>
        <source>Write a note saying how the person asked to withdraw.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ysgrifennwch nodyn yn dweud sut y gofynnodd y person am dynnu&apos;n ôl.</translation>
    </message>
    <message>
        <source>Write how you know which wording the person was shown.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ysgrifennwch sut rydych chi&apos;n gwybod pa eiriad a ddangoswyd i&apos;r person.</translation>
    </message>
    <message>
        <source>Write a comment first.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ysgrifennwch sylw yn gyntaf.</translation>
    </message>
</context>
<context>
    <name>DecisionBox</name>
    <message>
        <source>Your decision</source>
        <extracomment>The decisions a note is required for (the person and the team need to know why).</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich penderfyniad</translation>
    </message>
    <message>
        <source>Note (needed when you request changes or reject)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nodyn (ei angen pan fyddwch chi&apos;n gofyn am newidiadau neu&apos;n gwrthod)</translation>
    </message>
    <message>
        <source>Decision note</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nodyn y penderfyniad</translation>
    </message>
    <message>
        <source>Approve (Alt+A)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cymeradwyo (Alt+A)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cymeradwyo</translation>
    </message>
    <message>
        <source>Request changes (Alt+C)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gofyn am newidiadau (Alt+C)</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gofyn am newidiadau</translation>
    </message>
    <message>
        <source>Reject (Alt+R)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwrthod (Alt+R)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwrthod</translation>
    </message>
    <message>
        <source>Saved with your decision in the audit trail (Alt+N comes here).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cael ei gadw gyda&apos;ch penderfyniad yn y trywydd archwilio (mae Alt+N yn dod yma).</translation>
    </message>
    <message>
        <source>Undo last decision (Ctrl+Z)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dadwneud y penderfyniad olaf (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo the last decision</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dadwneud y penderfyniad olaf</translation>
    </message>
    <message>
        <source>Puts the status back; the audit trail keeps the decision and the undo (Ctrl+Z).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn rhoi&apos;r statws yn ôl; mae&apos;r trywydd archwilio yn cadw&apos;r penderfyniad a&apos;r dadwneud (Ctrl+Z).</translation>
    </message>
    <message>
        <source>The video may be used (Alt+A).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gellir defnyddio&apos;r fideo (Alt+A).</translation>
    </message>
    <message>
        <source>Asks for changes; the note says which (Alt+C).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gofyn am newidiadau; mae&apos;r nodyn yn dweud pa rai (Alt+C).</translation>
    </message>
    <message>
        <source>The video will not be used; the note says why (Alt+R).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni fydd y fideo&apos;n cael ei ddefnyddio; mae&apos;r nodyn yn dweud pam (Alt+R).</translation>
    </message>
    <message>
        <source>Status now: {status}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Statws nawr: {status}</translation>
    </message>
    <message>
        <source>Write a note saying why, so the team knows what to do next.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ysgrifennwch nodyn yn dweud pam, fel bod y tîm yn gwybod beth i&apos;w wneud nesaf.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>Export… (Ctrl+E)</source>
        <extracomment>Statuses a reviewer can still decide on (CONTRACTS.md; the server enforces the same).</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Allforio… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export for social media</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Allforio ar gyfer cyfryngau cymdeithasol</translation>
    </message>
    <message>
        <source>Answers</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Atebion</translation>
    </message>
    <message>
        <source>Answers in this submission</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Atebion yn y cyflwyniad hwn</translation>
    </message>
    <message>
        <source>Choosing an answer loads it into the player.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae dewis ateb yn ei lwytho i&apos;r chwaraewr.</translation>
    </message>
    <message>
        <source>Makes 16:9, 9:16 and 1:1 videos of an approved answer.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwneud fideos 16:9, 9:16 ac 1:1 o ateb a gymeradwywyd.</translation>
    </message>
    <message>
        <source>Choose a submission on the left to watch it and decide.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch gyflwyniad ar y chwith i&apos;w wylio a phenderfynu.</translation>
    </message>
    <message>
        <source>Submission details</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Manylion y cyflwyniad</translation>
    </message>
    <message>
        <source>If the person asks to withdraw</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Os yw&apos;r person yn gofyn am dynnu&apos;n ôl</translation>
    </message>
    <message>
        <source>People withdraw by giving their reference code to the campaign contact. Search for the code (Ctrl+F), check it is this submission, then withdraw it here.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae pobl yn tynnu&apos;n ôl drwy roi eu cod cyfeirnod i gyswllt yr ymgyrch. Chwiliwch am y cod (Ctrl+F), gwiriwch mai&apos;r cyflwyniad hwn ydyw, yna tynnwch ef yn ôl yma.</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tynnu&apos;n ôl…</translation>
    </message>
    <message>
        <source>Withdraw at the person&apos;s request</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tynnu&apos;n ôl ar gais y person</translation>
    </message>
    <message>
        <source>Asks you to confirm, then deletes this submission&apos;s videos for good.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gofyn i chi gadarnhau, yna&apos;n dileu fideos y cyflwyniad hwn am byth.</translation>
    </message>
    <message>
        <source>{reference} · {status}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{reference} · {status}</translation>
    </message>
    <message>
        <source>Received {when} · answers: {count} · length {duration}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Derbyniwyd {when} · atebion: {count} · hyd {duration}</translation>
    </message>
    <message>
        <source>{n}. {prompt} ({duration})</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{n}. {prompt} ({duration})</translation>
    </message>
    <message>
        <source>The video was deleted because the person withdrew their consent.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd y fideo ei ddileu oherwydd i&apos;r unigolyn dynnu ei ganiatâd yn ôl.</translation>
    </message>
    <message>
        <source>The video cannot be watched any more: the consent for it has expired.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni ellir gwylio&apos;r fideo mwyach: mae&apos;r caniatâd ar ei gyfer wedi dod i ben.</translation>
    </message>
    <message>
        <source>The video of this answer is not available on the server.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw fideo&apos;r ateb hwn ar gael ar y gweinydd.</translation>
    </message>
</context>
<context>
    <name>DeviceCheckPage</name>
    <message>
        <source>Check your camera and microphone</source>
        <extracomment>Analyse one frame in this many on the capture thread (lighting); faces on one analysed frame in 5.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch eich camera a&apos;ch meicroffon</translation>
    </message>
    <message>
        <source>Sit so your face fills the oval and say a few words. The picture is shown like a mirror; your video will not be mirrored.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eisteddwch fel bod eich wyneb yn llenwi&apos;r hirgrwn a dywedwch ychydig eiriau. Mae&apos;r llun yn cael ei ddangos fel drych; ni fydd eich fideo wedi&apos;i adlewyrchu.</translation>
    </message>
    <message>
        <source>Came&amp;ra:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Came&amp;ra:</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Meicroffon:</translation>
    </message>
    <message>
        <source>Camera</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Choose which camera to use</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch pa gamera i&apos;w ddefnyddio</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Meicroffon</translation>
    </message>
    <message>
        <source>Choose which microphone to use</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch pa feicroffon i&apos;w ddefnyddio</translation>
    </message>
    <message>
        <source>Reminder: no patients or patient information may appear or be heard in your video.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nodyn atgoffa: ni chaiff unrhyw gleifion na gwybodaeth am gleifion ymddangos na chael eu clywed yn eich fideo.</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Lefel y meicroffon:</translation>
    </message>
    <message>
        <source>&amp;Looks good, continue</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;n edrych yn iawn, &amp;parhau</translation>
    </message>
    <message>
        <source>A working camera and microphone are needed to record.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae angen camera a meicroffon sy&apos;n gweithio i recordio.</translation>
    </message>
    <message>
        <source>Checking the light…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwirio&apos;r golau…</translation>
    </message>
    <message>
        <source>✓ The lighting looks fine.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>✓ Mae&apos;r golau&apos;n edrych yn iawn.</translation>
    </message>
    <message>
        <source>⚠ The picture is too dark. Turn on a light or face a window.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>⚠ Mae&apos;r llun yn rhy dywyll. Trowch olau ymlaen neu wynebwch ffenestr.</translation>
    </message>
    <message>
        <source>⚠ There is bright light behind you, so your face is dark. Turn so the light is in front of you.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>⚠ Mae golau llachar y tu ôl i chi, felly mae eich wyneb yn dywyll. Trowch fel bod y golau o&apos;ch blaen.</translation>
    </message>
    <message>
        <source>⚠ More than one face is in the picture. Only you should be in shot: no patients or patient information may appear.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>⚠ Mae mwy nag un wyneb yn y llun. Dim ond chi ddylai fod yn y llun: ni chaiff unrhyw gleifion na gwybodaeth am gleifion ymddangos.</translation>
    </message>
    <message>
        <source>Test picture (demo)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llun prawf (arddangosiad)</translation>
    </message>
    <message>
        <source>Test sound (demo)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sain prawf (arddangosiad)</translation>
    </message>
    <message>
        <source>Recording from a file: {name}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Recordiad o ffeil: {name}</translation>
    </message>
    <message>
        <source>Camera {number}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Camera {number}</translation>
    </message>
    <message>
        <source>The computer&apos;s usual microphone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Meicroffon arferol y cyfrifiadur</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Thank you. Your video has arrived.</source>
        <extracomment>the withdrawal code on screen (None: not here yet, or none); forgotten on leaving the page the submission whose code was asked for (asked once per submission)</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Diolch. Mae eich fideo wedi cyrraedd.</translation>
    </message>
    <message>
        <source>Your video was received safely by the team. It has been removed from this computer.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r tîm wedi cael eich fideo yn ddiogel. Mae wedi&apos;i dynnu oddi ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Your reference code:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich cod cyfeirnod:</translation>
    </message>
    <message>
        <source>Your reference code: {reference}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich cod cyfeirnod: {reference}</translation>
    </message>
    <message>
        <source>QR code of your reference code, to scan with your phone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cod QR eich cod cyfeirnod, i&apos;w sganio gyda&apos;ch ffôn</translation>
    </message>
    <message>
        <source>Scan the codes with your phone, write them down or print them. They are shown only now: when you finish, this computer forgets them.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sganiwch y codau gyda&apos;ch ffôn, ysgrifennwch nhw neu argraffwch nhw. Dim ond nawr y cânt eu dangos: pan fyddwch chi&apos;n gorffen, bydd y cyfrifiadur hwn yn eu hanghofio.</translation>
    </message>
    <message>
        <source>&amp;Print the codes</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Argraffu&apos;r codau</translation>
    </message>
    <message>
        <source>Print the codes</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Argraffu&apos;r codau</translation>
    </message>
    <message>
        <source>Prints your reference code and withdrawal code with their QR codes.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn argraffu eich cod cyfeirnod a&apos;ch cod tynnu&apos;n ôl gyda&apos;u codau QR.</translation>
    </message>
    <message>
        <source>Clears the screen so the next person can start. Your video has been sent. Your codes are no longer shown.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn clirio&apos;r sgrin fel y gall y person nesaf ddechrau. Mae eich fideo wedi&apos;i anfon. Ni ddangosir eich codau mwyach.</translation>
    </message>
    <message>
        <source>Your withdrawal code:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich cod tynnu&apos;n ôl:</translation>
    </message>
    <message>
        <source>Your withdrawal code: {code}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich cod tynnu&apos;n ôl: {code}</translation>
    </message>
    <message>
        <source>QR code that opens the withdrawal page with both codes filled in</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cod QR sy&apos;n agor y dudalen tynnu&apos;n ôl gyda&apos;r ddau god wedi&apos;u llenwi</translation>
    </message>
    <message>
        <source>Make your voice heard:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwnewch i’ch llais gael ei glywed:</translation>
    </message>
    <message>
        <source>QR code that opens {address}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cod QR sy’n agor {address}</translation>
    </message>
    <message>
        <source>Changed your mind? You can withdraw at any time, without giving a reason. Scan the withdrawal QR code, or go to {page} and enter both codes: your video is deleted at once and no longer used. You do not need this computer to do it.
Or give your reference code to: {contact}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi newid eich meddwl? Gallwch dynnu&apos;n ôl ar unrhyw adeg, heb roi rheswm. Sganiwch y cod QR tynnu&apos;n ôl, neu ewch i {page} a rhowch y ddau god: caiff eich fideo ei ddileu ar unwaith a pheidio â chael ei ddefnyddio. Does dim angen y cyfrifiadur hwn arnoch i wneud hyn.
Neu rhowch eich cod cyfeirnod i: {contact}</translation>
    </message>
    <message>
        <source>the withdrawal page</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>y dudalen tynnu&apos;n ôl</translation>
    </message>
    <message>
        <source>Scan to keep your reference code on your phone.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sganiwch i gadw eich cod cyfeirnod ar eich ffôn.</translation>
    </message>
    <message>
        <source>Scan to open the withdrawal page with both codes filled in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sganiwch i agor y dudalen tynnu&apos;n ôl gyda&apos;r ddau god wedi&apos;u llenwi.</translation>
    </message>
    <message>
        <source>&amp;Finish and start again for someone else</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Gorffen a dechrau eto i rywun arall</translation>
    </message>
    <message>
        <source>Finish and start again for someone else</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gorffen a dechrau eto i rywun arall</translation>
    </message>
    <message>
        <source>the campaign team</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>tîm yr ymgyrch</translation>
    </message>
    <message>
        <source>Changed your mind? You can withdraw at any time, without giving a reason: give your reference code to the people below, and your video will be deleted and no longer used. You do not need this computer to do it.
Who to contact: {contact}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi newid eich meddwl? Gallwch dynnu&apos;n ôl ar unrhyw adeg, heb roi rheswm: rhowch eich cod cyfeirnod i&apos;r bobl isod, a bydd eich fideo&apos;n cael ei ddileu ac ni chaiff ei ddefnyddio mwyach. Does dim angen y cyfrifiadur hwn arnoch i wneud hynny.
Â phwy i gysylltu: {contact}</translation>
    </message>
</context>
<context>
    <name>ErrorPattern</name>
    <message>
        <source>Error: {message}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwall: {message}</translation>
    </message>
    <message>
        <source>Goes to the question with the problem.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn mynd i&apos;r cwestiwn sydd â&apos;r broblem.</translation>
    </message>
    <message>
        <source>There is a problem</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae problem</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export for social media</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Allforio ar gyfer cyfryngau cymdeithasol</translation>
    </message>
    <message>
        <source>Answer to export</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ateb i&apos;w allforio</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Siapiau</translation>
    </message>
    <message>
        <source>16:9 landscape (YouTube, website)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>16:9 tirlun (YouTube, gwefan)</translation>
    </message>
    <message>
        <source>9:16 upright (Reels, TikTok, Stories)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>9:16 unionsyth (Reels, TikTok, Stories)</translation>
    </message>
    <message>
        <source>1:1 square (feeds)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>1:1 sgwâr (ffrydiau)</translation>
    </message>
    <message>
        <source>Burn in captions (SRT)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llosgi capsiynau i mewn (SRT)</translation>
    </message>
    <message>
        <source>Burn in captions</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llosgi capsiynau i mewn</translation>
    </message>
    <message>
        <source>Captions in SRT format</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Capsiynau ar ffurf SRT</translation>
    </message>
    <message>
        <source>Load SRT file…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llwytho ffeil SRT…</translation>
    </message>
    <message>
        <source>Load captions from an SRT file</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llwytho capsiynau o ffeil SRT</translation>
    </message>
    <message>
        <source>This campaign has no end card</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes gan yr ymgyrch hon gerdyn diwedd</translation>
    </message>
    <message>
        <source>Add the campaign end card</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ychwanegu cerdyn diwedd yr ymgyrch</translation>
    </message>
    <message>
        <source>Save a metadata sheet (CSV) with the videos</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw taflen fetadata (CSV) gyda&apos;r fideos</translation>
    </message>
    <message>
        <source>Save a metadata sheet</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw taflen fetadata</translation>
    </message>
    <message>
        <source>Save in</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw yn</translation>
    </message>
    <message>
        <source>Folder to save the videos in</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ffolder i gadw&apos;r fideos ynddi</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewis…</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewis y ffolder</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cynnydd yr allforio</translation>
    </message>
    <message>
        <source>Export</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Allforio</translation>
    </message>
    <message>
        <source>Start the export</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dechrau&apos;r allforio</translation>
    </message>
    <message>
        <source>Stop</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopio</translation>
    </message>
    <message>
        <source>Stop the export</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopio&apos;r allforio</translation>
    </message>
    <message>
        <source>Close</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau&apos;r ffenestr hon</translation>
    </message>
    <message>
        <source>Each answer is exported on its own.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae pob ateb yn cael ei allforio ar ei ben ei hun.</translation>
    </message>
    <message>
        <source>Tick each shape you want a video in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ticiwch bob siâp rydych chi eisiau fideo ynddo.</translation>
    </message>
    <message>
        <source>May be used: internal communications and public social media.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gellir ei ddefnyddio: cyfathrebu mewnol a chyfryngau cymdeithasol cyhoeddus.</translation>
    </message>
    <message>
        <source>{person} said No to public social media. May be used: internal communications only: save a copy for internal use (16:9, every file named INTERNAL-ONLY).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dywedodd {person} Na i gyfryngau cymdeithasol cyhoeddus. Gellir ei ddefnyddio: cyfathrebu mewnol yn unig: cadwch gopi at ddefnydd mewnol (16:9, pob ffeil wedi&apos;i henwi&apos;n INTERNAL-ONLY).</translation>
    </message>
    <message>
        <source>The person said No to public social media. May be used: internal communications only: save a copy for internal use (16:9, every file named INTERNAL-ONLY).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dywedodd yr unigolyn Na i gyfryngau cymdeithasol cyhoeddus. Gellir ei ddefnyddio: cyfathrebu mewnol yn unig: cadwch gopi at ddefnydd mewnol (16:9, pob ffeil wedi&apos;i henwi&apos;n INTERNAL-ONLY).</translation>
    </message>
    <message>
        <source>For public social media</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ar gyfer cyfryngau cymdeithasol cyhoeddus</translation>
    </message>
    <message>
        <source>For internal use only (16:9, named INTERNAL-ONLY)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>At ddefnydd mewnol yn unig (16:9, wedi&apos;i enwi&apos;n INTERNAL-ONLY)</translation>
    </message>
    <message>
        <source>For internal use only</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>At ddefnydd mewnol yn unig</translation>
    </message>
    <message>
        <source>Only when the person said Yes to public social media.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dim ond pan ddywedodd yr unigolyn Ie i gyfryngau cymdeithasol cyhoeddus.</translation>
    </message>
    <message>
        <source>Intranet and staff screens: a 16:9 copy, every file named INTERNAL-ONLY.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mewnrwyd a sgriniau staff: copi 16:9, pob ffeil wedi&apos;i henwi&apos;n INTERNAL-ONLY.</translation>
    </message>
    <message>
        <source>Draws the captions below onto the picture.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn tynnu&apos;r capsiynau isod ar y llun.</translation>
    </message>
    <message>
        <source>Numbered captions, each with a time line like 00:00:01,000 --&gt; 00:00:03,000.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Capsiynau wedi&apos;u rhifo, pob un â llinell amser fel 00:00:01,000 --&gt; 00:00:03,000.</translation>
    </message>
    <message>
        <source>Replaces the captions above with the file&apos;s.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn rhoi capsiynau&apos;r ffeil yn lle&apos;r capsiynau uchod.</translation>
    </message>
    <message>
        <source>A few seconds of the campaign&apos;s closing words after the answer.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ychydig eiliadau o eiriau cloi&apos;r ymgyrch ar ôl yr ateb.</translation>
    </message>
    <message>
        <source>Lists each video with only the details the person agreed to show.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn rhestru pob fideo gyda dim ond y manylion y cytunodd y person i&apos;w dangos.</translation>
    </message>
    <message>
        <source>The videos are saved in this folder.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r fideos yn cael eu cadw yn y ffolder hon.</translation>
    </message>
    <message>
        <source>Opens a folder chooser.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn agor dewisydd ffolder.</translation>
    </message>
    <message>
        <source>Checks the consent with the server again, then makes the videos.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwirio&apos;r caniatâd gyda&apos;r gweinydd eto, yna&apos;n gwneud y fideos.</translation>
    </message>
    <message>
        <source>Stops; nothing is saved.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn stopio; does dim yn cael ei gadw.</translation>
    </message>
    <message>
        <source>Closes the export window.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cau&apos;r ffenestr allforio.</translation>
    </message>
    <message>
        <source>Type the captions, or load an SRT file.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Teipiwch y capsiynau, neu llwythwch ffeil SRT.</translation>
    </message>
    <message>
        <source>{n} captions ready.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{n} capsiwn yn barod.</translation>
    </message>
    <message>
        <source>Load captions</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llwytho capsiynau</translation>
    </message>
    <message>
        <source>Captions (*.srt)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Capsiynau (*.srt)</translation>
    </message>
    <message>
        <source>That file could not be read as text. Choose an .srt file.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd darllen y ffeil honno fel testun. Dewiswch ffeil .srt.</translation>
    </message>
    <message>
        <source>Save the videos in</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw&apos;r fideos yn</translation>
    </message>
    <message>
        <source>Choose at least one shape.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch o leiaf un siâp.</translation>
    </message>
    <message>
        <source>Fix the captions first, or untick them.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cywirwch y capsiynau yn gyntaf, neu dad-diciwch nhw.</translation>
    </message>
    <message>
        <source>Choose a folder to save the videos in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch ffolder i gadw&apos;r fideos ynddi.</translation>
    </message>
    <message>
        <source>Checking consent and fetching the video…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwirio&apos;r caniatâd ac yn nôl y fideo…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn stopio…</translation>
    </message>
    <message>
        <source>Making the videos… {percent}%</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwneud y fideos… {percent}%</translation>
    </message>
    <message>
        <source>Done. Saved in {folder}:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi gorffen. Wedi&apos;u cadw yn {folder}:</translation>
    </message>
    <message>
        <source>No face was found, so the picture was cropped in the centre.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chafwyd hyd i wyneb, felly cafodd y llun ei docio yn y canol.</translation>
    </message>
    <message>
        <source>Export stopped. Nothing was saved.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopiwyd yr allforio. Ni chadwyd dim.</translation>
    </message>
    <message>
        <source>Suggested posts (saved with the videos; edit as you like)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Negeseuon a awgrymir (wedi&apos;u cadw gyda&apos;r fideos; golygwch fel y mynnwch)</translation>
    </message>
    <message>
        <source>Suggested posts</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Negeseuon a awgrymir</translation>
    </message>
    <message>
        <source>Suggested post in {language}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Neges a awgrymir yn {language}</translation>
    </message>
    <message>
        <source>Names only the details the person agreed may be shown. Saved beside the videos and in the metadata sheet.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn enwi dim ond y manylion y cytunodd yr unigolyn y gellir eu dangos. Wedi&apos;i chadw wrth ymyl y fideos ac yn y daflen fetadata.</translation>
    </message>
    <message>
        <source>Start again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dechrau eto</translation>
    </message>
    <message>
        <source>Start the {language} post again from the suggestion</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dechrau&apos;r neges yn {language} eto o&apos;r awgrym</translation>
    </message>
    <message>
        <source>Your changes to this post are replaced.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Caiff eich newidiadau i&apos;r neges hon eu disodli.</translation>
    </message>
    <message>
        <source>{platform} {count} of {limit}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{platform} {count} o {limit}</translation>
    </message>
    <message>
        <source>Too long for {platform} by {over}: shorten it before posting there.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn rhy hir i {platform} o {over}: byrhewch hi cyn ei phostio yno.</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <extracomment>Shows a finished message: (title, text) -&gt; None. Tests pass a recorder instead of a modal box.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cymort&amp;h</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics for IT</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Copïo &amp;diagnosteg ar gyfer TG</translation>
    </message>
    <message>
        <source>Copies a report for IT support. Names, keys and passwords are removed.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn copïo adroddiad ar gyfer cymorth TG. Mae enwau, allweddi a chyfrineiriau&apos;n cael eu tynnu.</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Agor y ffolder &amp;logiau</translation>
    </message>
    <message>
        <source>Diagnostics copied</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Diagnosteg wedi&apos;i chopïo</translation>
    </message>
    <message>
        <source>A report for IT support is on the clipboard. Paste it into your message to them. Names, keys and passwords have been removed.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae adroddiad ar gyfer cymorth TG ar y clipfwrdd. Gludwch ef yn eich neges atyn nhw. Mae enwau, allweddi a chyfrineiriau wedi&apos;u tynnu.</translation>
    </message>
    <message>
        <source>Diagnostics not copied</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chopïwyd y diagnosteg</translation>
    </message>
    <message>
        <source>The report for IT support could not be made. Please try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd creu&apos;r adroddiad ar gyfer cymorth TG. Rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ffolder logiau</translation>
    </message>
    <message>
        <source>The log folder is here:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r ffolder logiau yma:</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone level</source>
        <extracomment>Loudest peak over the hint window below this: too quiet. Any peak at or above this in the hint window: clipping.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Lefel y meicroffon</translation>
    </message>
    <message>
        <source>How loud the microphone hears you</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Pa mor uchel mae&apos;r meicroffon yn eich clywed</translation>
    </message>
    <message>
        <source>Listening… say a few words.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwrando… dywedwch ychydig eiriau.</translation>
    </message>
    <message>
        <source>✓ Sound level is good.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>✓ Mae lefel y sain yn dda.</translation>
    </message>
    <message>
        <source>⚠ Too quiet: move closer to the microphone or speak a little louder.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>⚠ Rhy dawel: symudwch yn nes at y meicroffon neu siaradwch ychydig yn uwch.</translation>
    </message>
    <message>
        <source>⚠ Too loud: the sound is distorting. Move back a little or speak more softly.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>⚠ Rhy uchel: mae&apos;r sain yn ystumio. Symudwch yn ôl ychydig neu siaradwch yn fwy tawel.</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <source>All statuses</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Pob statws</translation>
    </message>
    <message>
        <source>All questions</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Pob cwestiwn</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Y mwyaf newydd yn gyntaf</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yr hynaf yn gyntaf</translation>
    </message>
    <message>
        <source>Name A to Z</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Enw A i Y</translation>
    </message>
    <message>
        <source>Status</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Search</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Chwilio</translation>
    </message>
    <message>
        <source>Question</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cwestiwn</translation>
    </message>
    <message>
        <source>Sort</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Trefnu</translation>
    </message>
    <message>
        <source>Name, job, workplace or reference</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Enw, swydd, gweithle neu gyfeirnod</translation>
    </message>
    <message>
        <source>Search submissions (Ctrl+F)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Chwilio cyflwyniadau (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show submissions with status</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dangos cyflwyniadau â&apos;r statws</translation>
    </message>
    <message>
        <source>Show answers to question</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dangos atebion i&apos;r cwestiwn</translation>
    </message>
    <message>
        <source>Sort submissions</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Trefnu cyflwyniadau</translation>
    </message>
    <message>
        <source>From</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>O</translation>
    </message>
    <message>
        <source>Only submissions received from a date</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dim ond cyflwyniadau a dderbyniwyd o ddyddiad</translation>
    </message>
    <message>
        <source>To</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>I</translation>
    </message>
    <message>
        <source>Only submissions received up to a date</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dim ond cyflwyniadau a dderbyniwyd hyd at ddyddiad</translation>
    </message>
    <message>
        <source>Received from date</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Derbyniwyd o&apos;r dyddiad</translation>
    </message>
    <message>
        <source>Received up to date</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Derbyniwyd hyd at y dyddiad</translation>
    </message>
    <message>
        <source>Submissions (Alt+Down next, Alt+Up previous)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyflwyniadau (Alt+I lawr nesaf, Alt+I fyny blaenorol)</translation>
    </message>
    <message>
        <source>Load more</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llwytho rhagor</translation>
    </message>
    <message>
        <source>Load more submissions</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llwytho rhagor o gyflwyniadau</translation>
    </message>
    <message>
        <source>Adds the next page to the list.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn ychwanegu&apos;r dudalen nesaf at y rhestr.</translation>
    </message>
    <message>
        <source>The list shows matching submissions as you type.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r rhestr yn dangos cyflwyniadau sy&apos;n cyfateb wrth i chi deipio.</translation>
    </message>
    <message>
        <source>Each status shows how many there are.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae pob statws yn dangos faint sydd.</translation>
    </message>
    <message>
        <source>Only submissions answering this question.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dim ond cyflwyniadau sy&apos;n ateb y cwestiwn hwn.</translation>
    </message>
    <message>
        <source>The order of the list.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Trefn y rhestr.</translation>
    </message>
    <message>
        <source>Tick to filter by this date.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ticiwch i hidlo yn ôl y dyddiad hwn.</translation>
    </message>
    <message>
        <source>Year, month and day; the arrow keys change the part with the cursor.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Blwyddyn, mis a diwrnod; mae&apos;r bysellau saeth yn newid y rhan lle mae&apos;r cyrchwr.</translation>
    </message>
    <message>
        <source>Arrow keys choose a submission; its video and consent show on the right.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r bysellau saeth yn dewis cyflwyniad; mae ei fideo a&apos;i ganiatâd yn ymddangos ar y dde.</translation>
    </message>
    <message>
        <source>Showing {shown} of {total}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dangos {shown} o {total}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>the details you entered about yourself</source>
        <extracomment>Asks the person a yes/no question: (title, text, yes label, no label) -&gt; True for yes.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>y manylion a roesoch amdanoch chi&apos;ch hun</translation>
    </message>
    <message>
        <source>your consent answers</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>eich atebion caniatâd</translation>
    </message>
    <message>
        <source>the answers you have recorded and kept</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>yr atebion rydych chi wedi&apos;u recordio a&apos;u cadw</translation>
    </message>
    <message>
        <source>the recording you are making now</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>y recordiad rydych chi&apos;n ei wneud nawr</translation>
    </message>
    <message>
        <source>Nothing is deleted. This is the default answer.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Does dim yn cael ei ddileu. Dyma&apos;r ateb diofyn.</translation>
    </message>
    <message>
        <source>That is not possible right now. Please check this page.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw hynny&apos;n bosibl ar hyn o bryd. Gwiriwch y dudalen hon.</translation>
    </message>
    <message>
        <source>Stop and start again?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopio a dechrau eto?</translation>
    </message>
    <message>
        <source>If you stop now, this will be deleted from this computer:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Os byddwch chi&apos;n stopio nawr, bydd hyn yn cael ei ddileu o&apos;r cyfrifiadur hwn:</translation>
    </message>
    <message>
        <source>Yes, delete and start again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ie, dileu a dechrau eto</translation>
    </message>
    <message>
        <source>Discard this recording?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Taflu&apos;r recordiad hwn?</translation>
    </message>
    <message>
        <source>If you go on, this will be deleted:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Os byddwch chi&apos;n parhau, bydd hyn yn cael ei ddileu:</translation>
    </message>
    <message>
        <source>Yes, delete it</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ie, ei ddileu</translation>
    </message>
    <message>
        <source>No, keep it</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Na, ei gadw</translation>
    </message>
    <message>
        <source>Something went wrong on this screen. Please go back and try again, or ask IT for help.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Aeth rhywbeth o&apos;i le ar y sgrin hon. Ewch yn ôl a rhoi cynnig arall arni, neu gofynnwch i&apos;r adran TG am help.</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Nesaf</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Yn ôl</translation>
    </message>
    <message>
        <source>Voicebooth</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Voicebooth</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Canslo</translation>
    </message>
    <message>
        <source>Cancel and start again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Canslo a dechrau eto</translation>
    </message>
    <message>
        <source>Asks before deleting anything you have entered or recorded.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;n gofyn cyn dileu unrhyw beth rydych chi wedi&apos;i roi neu ei recordio.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <source>Camera, microphone, language and countdown (Ctrl+comma). Settings made by your IT department are shown but cannot be changed.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Camera, meicroffon, iaith a chyfrif i lawr (Ctrl+coma). Mae gosodiadau a wnaed gan eich adran TG yn cael eu dangos ond ni ellir eu newid.</translation>
    </message>
    <message>
        <source>Go back to the previous step.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mynd yn ôl i&apos;r cam blaenorol.</translation>
    </message>
    <message>
        <source>Go on to the next step.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mynd ymlaen i&apos;r cam nesaf.</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llywio</translation>
    </message>
    <message>
        <source>Close and send later?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau ac anfon yn nes ymlaen?</translation>
    </message>
    <message>
        <source>Your video is saved on this computer and will be sent the next time you open Voicebooth. Nothing is lost.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae eich fideo wedi&apos;i gadw ar y cyfrifiadur hwn a bydd yn cael ei anfon y tro nesaf y byddwch chi&apos;n agor Voicebooth. Does dim yn cael ei golli.</translation>
    </message>
    <message>
        <source>Stay</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Aros</translation>
    </message>
    <message>
        <source>Close while sending?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau wrth anfon?</translation>
    </message>
    <message>
        <source>Your video is still being sent. If you close Voicebooth now, sending will carry on the next time you open it. Nothing is lost.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae eich fideo&apos;n dal i gael ei anfon. Os byddwch chi&apos;n cau Voicebooth nawr, bydd yr anfon yn parhau y tro nesaf y byddwch chi&apos;n ei agor. Does dim yn cael ei golli.</translation>
    </message>
    <message>
        <source>Close and send later</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau ac anfon yn nes ymlaen</translation>
    </message>
    <message>
        <source>Keep sending</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Parhau i anfon</translation>
    </message>
    <message>
        <source>Close Voicebooth?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau Voicebooth?</translation>
    </message>
    <message>
        <source>If you close now, this will be deleted from this computer:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Os byddwch chi&apos;n cau nawr, bydd hyn yn cael ei ddileu o&apos;r cyfrifiadur hwn:</translation>
    </message>
    <message>
        <source>Yes, close and delete</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ie, cau a dileu</translation>
    </message>
    <message>
        <source>No, stay</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Na, aros</translation>
    </message>
</context>
<context>
    <name>NoDevicePanel</name>
    <message>
        <source>Then choose Try again. If it still does not work, ask your IT service desk.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yna dewiswch Rhowch gynnig arall. Os nad yw&apos;n gweithio o hyd, gofynnwch i&apos;ch desg gwasanaeth TG.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Beth i&apos;w wneud:</translation>
    </message>
    <message>
        <source>What the computer says: {reason}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Beth mae&apos;r cyfrifiadur yn ei ddweud: {reason}</translation>
    </message>
    <message>
        <source>↻ Try again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>↻ Rhowch gynnig arall</translation>
    </message>
    <message>
        <source>Checks the camera and microphone again after you have followed the steps.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwirio&apos;r camera a&apos;r meicroffon eto ar ôl i chi ddilyn y camau.</translation>
    </message>
    <message>
        <source>We cannot use your camera or your microphone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni allwn ddefnyddio eich camera na&apos;ch meicroffon</translation>
    </message>
    <message>
        <source>No camera was found</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chafwyd hyd i gamera</translation>
    </message>
    <message>
        <source>No microphone was found</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chafwyd hyd i feicroffon</translation>
    </message>
    <message>
        <source>Your camera is not sending a picture</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw eich camera&apos;n anfon llun</translation>
    </message>
    <message>
        <source>Your microphone is not sending any sound</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw eich meicroffon yn anfon unrhyw sain</translation>
    </message>
    <message>
        <source>This computer&apos;s privacy settings block the camera</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae gosodiadau preifatrwydd y cyfrifiadur hwn yn rhwystro&apos;r camera</translation>
    </message>
    <message>
        <source>This computer&apos;s privacy settings block the microphone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae gosodiadau preifatrwydd y cyfrifiadur hwn yn rhwystro&apos;r meicroffon</translation>
    </message>
    <message>
        <source>Your camera stopped working</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae eich camera wedi stopio gweithio</translation>
    </message>
    <message>
        <source>Your microphone stopped working</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae eich meicroffon wedi stopio gweithio</translation>
    </message>
    <message>
        <source>Check the camera is plugged in and switched on, then choose it in the Camera list.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch fod y camera wedi&apos;i gysylltu a&apos;i droi ymlaen, yna dewiswch ef yn y rhestr Camera.</translation>
    </message>
    <message>
        <source>Check the headset or microphone is plugged in, then choose it in the Microphone list.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch fod y clustffonau neu&apos;r meicroffon wedi&apos;u cysylltu, yna dewiswch nhw yn y rhestr Meicroffon.</translation>
    </message>
    <message>
        <source>Another program is probably using the camera. Close Teams, Zoom, Skype or any other program that uses it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;n debyg bod rhaglen arall yn defnyddio&apos;r camera. Caewch Teams, Zoom, Skype neu unrhyw raglen arall sy&apos;n ei ddefnyddio.</translation>
    </message>
    <message>
        <source>Another program is probably using the microphone. Close Teams, Zoom, Skype or any other program that uses it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;n debyg bod rhaglen arall yn defnyddio&apos;r meicroffon. Caewch Teams, Zoom, Skype neu unrhyw raglen arall sy&apos;n ei ddefnyddio.</translation>
    </message>
    <message>
        <source>Voicebooth is not allowed to use the camera. In Windows, open Settings, then Privacy and security, then Camera, and turn on camera access for desktop apps. If you cannot change it, your IT department has switched it off: ask them.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw Voicebooth yn cael defnyddio&apos;r camera. Yn Windows, agorwch Gosodiadau, yna Preifatrwydd a diogelwch, yna Camera, a throwch fynediad i&apos;r camera ymlaen ar gyfer apiau bwrdd gwaith. Os na allwch ei newid, mae eich adran TG wedi&apos;i ddiffodd: gofynnwch iddyn nhw.</translation>
    </message>
    <message>
        <source>Voicebooth is not allowed to use the microphone. In Windows, open Settings, then Privacy and security, then Microphone, and turn on microphone access for desktop apps. If you cannot change it, your IT department has switched it off: ask them.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw Voicebooth yn cael defnyddio&apos;r meicroffon. Yn Windows, agorwch Gosodiadau, yna Preifatrwydd a diogelwch, yna Meicroffon, a throwch fynediad i&apos;r meicroffon ymlaen ar gyfer apiau bwrdd gwaith. Os na allwch ei newid, mae eich adran TG wedi&apos;i ddiffodd: gofynnwch iddyn nhw.</translation>
    </message>
    <message>
        <source>Check the camera&apos;s cable is still plugged in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch fod cebl y camera wedi&apos;i gysylltu o hyd.</translation>
    </message>
    <message>
        <source>Check the headset or microphone is still plugged in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch fod y clustffonau neu&apos;r meicroffon wedi&apos;u cysylltu o hyd.</translation>
    </message>
    <message>
        <source>Try the camera and microphone again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhowch gynnig arall ar y camera a&apos;r meicroffon</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Voicebooth</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Voicebooth</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Pause</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Oedi</translation>
    </message>
    <message>
        <source>Play your answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Chwarae eich ateb</translation>
    </message>
    <message>
        <source>Pause (Ctrl+Space)</source>
        <extracomment>how far Left and Right jump, and the slider&apos;s Page Up / Page Down the row under the picture; a subclass may add its own controls to it</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Oedi (Ctrl+Bylchwr)</translation>
    </message>
    <message>
        <source>Play (Ctrl+Space)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Chwarae (Ctrl+Bylchwr)</translation>
    </message>
    <message>
        <source>Ctrl+Space plays or pauses wherever the focus is. Left and right arrows jump two seconds.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae Ctrl+Bylchwr yn chwarae neu&apos;n oedi lle bynnag y mae&apos;r ffocws. Mae&apos;r saethau chwith a de yn neidio dwy eiliad.</translation>
    </message>
    <message>
        <source>Position in your answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Safle yn eich ateb</translation>
    </message>
    <message>
        <source>Left and right arrow keys move through it</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r bysellau saeth chwith a de yn symud drwyddo</translation>
    </message>
    <message>
        <source>Your recorded answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich ateb wedi&apos;i recordio</translation>
    </message>
    <message>
        <source>This video cannot be played. You can still keep or retake it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni ellir chwarae&apos;r fideo hwn. Gallwch ei gadw neu ei recordio eto o hyd.</translation>
    </message>
</context>
<context>
    <name>PromptPage</name>
    <message>
        <source>Your answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich ateb</translation>
    </message>
    <message>
        <source>● Start recording (Ctrl+R)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>● Dechrau recordio (Ctrl+R)</translation>
    </message>
    <message>
        <source>Start recording</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dechrau recordio</translation>
    </message>
    <message>
        <source>Counts down, then records your answer. Shortcut: Ctrl+R.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cyfrif i lawr, yna&apos;n recordio eich ateb. Llwybr byr: Ctrl+R.</translation>
    </message>
    <message>
        <source>Skip this question</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Hepgor y cwestiwn hwn</translation>
    </message>
    <message>
        <source>Goes on without answering. You can still answer it from the review.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn symud ymlaen heb ateb. Gallwch ei ateb o hyd o&apos;r adolygiad.</translation>
    </message>
    <message>
        <source>● Recording. Speak when you are ready.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>● Yn recordio. Siaradwch pan fyddwch chi&apos;n barod.</translation>
    </message>
    <message>
        <source>Sound:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Sain:</translation>
    </message>
    <message>
        <source>■ Stop (Space or Ctrl+R)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>■ Stopio (Bylchwr neu Ctrl+R)</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopio recordio</translation>
    </message>
    <message>
        <source>Stops recording and saves your answer. Shortcut: Space or Ctrl+R.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn stopio recordio ac yn cadw eich ateb. Llwybr byr: Bylchwr neu Ctrl+R.</translation>
    </message>
    <message>
        <source>Getting your answer ready…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn paratoi eich ateb…</translation>
    </message>
    <message>
        <source>Getting your answer ready</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn paratoi eich ateb</translation>
    </message>
    <message>
        <source>How much of your answer is ready to watch</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Faint o&apos;ch ateb sy&apos;n barod i&apos;w wylio</translation>
    </message>
    <message>
        <source>Watch your answer back</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwylio eich ateb yn ôl</translation>
    </message>
    <message>
        <source>Plays your answer from the start. Shortcut: Alt+W.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn chwarae eich ateb o&apos;r dechrau. Llwybr byr: Alt+W.</translation>
    </message>
    <message>
        <source>Keep this answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw&apos;r ateb hwn</translation>
    </message>
    <message>
        <source>Keeps this answer and goes on. Nothing is sent yet. Shortcut: Alt+K.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw&apos;r ateb hwn ac yn symud ymlaen. Does dim yn cael ei anfon eto. Llwybr byr: Alt+K.</translation>
    </message>
    <message>
        <source>Record this answer again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Recordio&apos;r ateb hwn eto</translation>
    </message>
    <message>
        <source>Deletes this recording, after asking, and records again. Shortcut: Alt+R.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dileu&apos;r recordiad hwn, ar ôl gofyn, ac yn recordio eto. Llwybr byr: Alt+R.</translation>
    </message>
    <message>
        <source>Trim the start or end</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tocio&apos;r dechrau neu&apos;r diwedd</translation>
    </message>
    <message>
        <source>Shows or hides the timeline for cutting the start or end. Shortcut: Alt+T.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dangos neu&apos;n cuddio&apos;r llinell amser ar gyfer torri&apos;r dechrau neu&apos;r diwedd. Llwybr byr: Alt+T.</translation>
    </message>
    <message>
        <source>Apply the trim</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gweithredu&apos;r tocio</translation>
    </message>
    <message>
        <source>Keeps only the part between the start and end handles.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw dim ond y rhan rhwng y dolenni dechrau a diwedd.</translation>
    </message>
    <message>
        <source>▶ Watch it back (Alt+W)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>▶ Gwylio eto (Alt+W)</translation>
    </message>
    <message>
        <source>✓ Your answer was recorded ({length}). No problems found.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>✓ Cafodd eich ateb ei recordio ({length}). Ni chafwyd unrhyw broblemau.</translation>
    </message>
    <message>
        <source>✓ Keep this answer (Alt+K)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>✓ Cadw&apos;r ateb hwn (Alt+K)</translation>
    </message>
    <message>
        <source>↺ Record again (Alt+R)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>↺ Recordio eto (Alt+R)</translation>
    </message>
    <message>
        <source>✂ Trim start or end (Alt+T)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>✂ Tocio&apos;r dechrau neu&apos;r diwedd (Alt+T)</translation>
    </message>
    <message>
        <source>Question {n} of {total}</source>
        <extracomment>The time limit when no prompt is being answered (never recorded against; keeps the bar well-defined).</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cwestiwn {n} o {total}</translation>
    </message>
    <message>
        <source>You have up to {length} (minutes:seconds).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae gennych hyd at {length} (munudau:eiliadau).</translation>
    </message>
    <message>
        <source>Recording starts in {n}…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r recordio&apos;n dechrau mewn {n}…</translation>
    </message>
    <message>
        <source>Recording could not start: {reason}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd dechrau recordio: {reason}</translation>
    </message>
    <message>
        <source>Your answer could not be saved: {reason} Please record it again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cadw eich ateb: {reason} Recordiwch ef eto.</translation>
    </message>
    <message>
        <source>We noticed:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Fe wnaethon ni sylwi:</translation>
    </message>
    <message>
        <source>You can keep it anyway, or record it again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gallwch ei gadw beth bynnag, neu ei recordio eto.</translation>
    </message>
    <message>
        <source>That trim would leave almost nothing. Cut less.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Byddai&apos;r tocio hwnnw&apos;n gadael bron dim. Torrwch lai.</translation>
    </message>
    <message>
        <source>Trimming your answer…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn tocio eich ateb…</translation>
    </message>
    <message>
        <source>The trim did not work: {reason}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni weithiodd y tocio: {reason}</translation>
    </message>
    <message>
        <source>Keys: Ctrl+R starts and stops recording. Alt+Left goes back.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Bysellau: mae Ctrl+R yn dechrau ac yn stopio recordio. Mae Alt+Chwith yn mynd yn ôl.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Your answers were not sent</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chafodd eich atebion eu hanfon</translation>
    </message>
    <message>
        <source>A recording was interrupted</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cafodd recordiad ei dorri ar draws</translation>
    </message>
    <message>
        <source>Voicebooth closed before this video was sent. The answers are still on this computer ({count} recording(s)). If they are yours, continue: you will see them before sending. If they are not yours, choose Start a new recording; they will be offered again next time.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Caeodd Voicebooth cyn i&apos;r fideo hwn gael ei anfon. Mae&apos;r atebion yn dal ar y cyfrifiadur hwn ({count} recordiad). Os mai chi biau nhw, parhewch: byddwch chi&apos;n eu gweld cyn anfon. Os nad chi biau nhw, dewiswch Dechrau recordiad newydd; byddan nhw&apos;n cael eu cynnig eto y tro nesaf.</translation>
    </message>
    <message>
        <source>Continue and send</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Parhau ac anfon</translation>
    </message>
    <message>
        <source>Saves what was recorded and shows your answers, ready to check and send.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw&apos;r hyn a recordiwyd ac yn dangos eich atebion, yn barod i&apos;w gwirio a&apos;u hanfon.</translation>
    </message>
    <message>
        <source>Delete these answers</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dileu&apos;r atebion hyn</translation>
    </message>
    <message>
        <source>Voicebooth closed while recording last time. Found {count} unfinished recording(s). We can save what was recorded, or delete it.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Caeodd Voicebooth wrth recordio y tro diwethaf. Daethpwyd o hyd i {count} recordiad heb ei orffen. Gallwn gadw&apos;r hyn a recordiwyd, neu ei ddileu.</translation>
    </message>
    <message>
        <source>Save what was recorded</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw&apos;r hyn a recordiwyd</translation>
    </message>
    <message>
        <source>Finishes the interrupted recordings up to where they stopped.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gorffen y recordiadau a dorrwyd ar draws hyd at ble y gwnaethon nhw stopio.</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Delete the unfinished recordings</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dileu&apos;r recordiadau heb eu gorffen</translation>
    </message>
    <message>
        <source>Removes them from this computer for good, after asking.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn eu tynnu oddi ar y cyfrifiadur hwn am byth, ar ôl gofyn.</translation>
    </message>
    <message>
        <source>Saving progress</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cynnydd cadw</translation>
    </message>
    <message>
        <source>Saving what was recorded</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw&apos;r hyn a recordiwyd</translation>
    </message>
    <message>
        <source>Start a new recording</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dechrau recordiad newydd</translation>
    </message>
    <message>
        <source>Nothing could be saved from these recordings.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cadw dim o&apos;r recordiadau hyn.</translation>
    </message>
    <message>
        <source>Saved {count} recording(s) on this computer, in: {folder}. Choose Next to start.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi cadw {count} recordiad ar y cyfrifiadur hwn, yn: {folder}. Dewiswch Nesaf i ddechrau.</translation>
    </message>
    <message>
        <source>Could not save one: {reason}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cadw un: {reason}</translation>
    </message>
    <message>
        <source>Delete these recordings?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dileu&apos;r recordiadau hyn?</translation>
    </message>
    <message>
        <source>They will be removed from this computer and cannot be brought back.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Byddan nhw&apos;n cael eu tynnu oddi ar y cyfrifiadur hwn ac ni ellir eu cael yn ôl.</translation>
    </message>
    <message>
        <source>Yes, delete them</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ie, dileu nhw</translation>
    </message>
    <message>
        <source>No, keep them</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Na, cadw nhw</translation>
    </message>
    <message>
        <source>Deleted. Choose Next to start.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi dileu. Dewiswch Nesaf i ddechrau.</translation>
    </message>
</context>
<context>
    <name>RemainingTimeBar</name>
    <message>
        <source>Time left</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Amser ar ôl</translation>
    </message>
    <message>
        <source>⚠ Last seconds: {time} left. Finish your sentence.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>⚠ Eiliadau olaf: {time} ar ôl. Gorffennwch eich brawddeg.</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{time} ar ôl</translation>
    </message>
</context>
<context>
    <name>ReviewApp</name>
    <message>
        <source>No intake server is set, so there is nothing to review. Ask IT to set the server address (server_url), or start Voicebooth with --server.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes gweinydd derbyn wedi&apos;i osod, felly does dim i&apos;w adolygu. Gofynnwch i TG osod cyfeiriad y gweinydd (server_url), neu dechreuwch Voicebooth gyda --server.</translation>
    </message>
    <message>
        <source>Review mode could not start: {reason}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd dechrau&apos;r modd adolygu: {reason}</translation>
    </message>
    <message>
        <source>Voicebooth review</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Adolygu Voicebooth</translation>
    </message>
</context>
<context>
    <name>ReviewBanner</name>
    <message>
        <source>Try again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhoi cynnig arall arni</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau&apos;r neges hon</translation>
    </message>
    <message>
        <source>Does what failed once more.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwneud yr hyn a fethodd unwaith eto.</translation>
    </message>
    <message>
        <source>Hides the message.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cuddio&apos;r neges.</translation>
    </message>
</context>
<context>
    <name>ReviewErrors</name>
    <message>
        <source>Something went wrong unexpectedly. Please try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Aeth rhywbeth o&apos;i le yn annisgwyl. Rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>{person} said No to their video being shared on public social media, so it cannot be exported for social media. Nothing was saved. You can save a copy for internal use only.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dywedodd {person} Na i rannu eu fideo ar gyfryngau cymdeithasol cyhoeddus, felly ni ellir ei allforio ar gyfer cyfryngau cymdeithasol. Ni chadwyd dim. Gallwch gadw copi at ddefnydd mewnol yn unig.</translation>
    </message>
    <message>
        <source>The person said No to their video being shared on public social media, so it cannot be exported for social media. Nothing was saved. You can save a copy for internal use only.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dywedodd yr unigolyn Na i rannu eu fideo ar gyfryngau cymdeithasol cyhoeddus, felly ni ellir ei allforio ar gyfer cyfryngau cymdeithasol. Ni chadwyd dim. Gallwch gadw copi at ddefnydd mewnol yn unig.</translation>
    </message>
    <message>
        <source>A copy for internal use only is made in the recorded 16:9 shape. Untick 9:16 and 1:1.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwneir copi at ddefnydd mewnol yn unig yn y siâp 16:9 a recordiwyd. Dad-diciwch 9:16 a 1:1.</translation>
    </message>
    <message>
        <source>The consent wording this person agreed to is not verified. Record how the wording is known (in the consent box) before exporting. Nothing was saved.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid yw&apos;r geiriad caniatâd y cytunodd yr unigolyn hwn iddo wedi&apos;i wirio. Cofnodwch sut mae&apos;r geiriad yn hysbys (yn y blwch caniatâd) cyn allforio. Ni chadwyd dim.</translation>
    </message>
    <message>
        <source>This person has withdrawn their consent. The video must not be exported or used.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r unigolyn hwn wedi tynnu ei ganiatâd yn ôl. Rhaid peidio ag allforio na defnyddio&apos;r fideo.</translation>
    </message>
    <message>
        <source>The consent for this video has expired. It must not be exported or used any more.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r caniatâd ar gyfer y fideo hwn wedi dod i ben. Rhaid peidio â&apos;i allforio na&apos;i ddefnyddio mwyach.</translation>
    </message>
    <message>
        <source>Only approved videos can be exported. Approve this submission first.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dim ond fideos wedi&apos;u cymeradwyo y gellir eu hallforio. Cymeradwywch y cyflwyniad hwn yn gyntaf.</translation>
    </message>
</context>
<context>
    <name>ReviewPlayer</name>
    <message>
        <source>Pause (Alt+P)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Oedi (Alt+P)</translation>
    </message>
    <message>
        <source>Play (Alt+P)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Chwarae (Alt+P)</translation>
    </message>
    <message>
        <source>Pause the video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Oedi&apos;r fideo</translation>
    </message>
    <message>
        <source>Play the video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Chwarae&apos;r fideo</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Safle yn y fideo</translation>
    </message>
    <message>
        <source>Arrow keys move one second, Page Up and Page Down five seconds</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r bysellau saeth yn symud un eiliad, Page Up a Page Down bum eiliad</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyflymder chwarae</translation>
    </message>
    <message>
        <source>1, 1.5 or 2 times normal speed.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>1, 1.5 neu 2 gwaith y cyflymder arferol.</translation>
    </message>
    <message>
        <source>Space or K also plays and pauses when the player has focus (Alt+P anywhere).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae Bylchwr neu K hefyd yn chwarae ac yn oedi pan fydd ffocws ar y chwaraewr (Alt+P unrhyw le).</translation>
    </message>
    <message>
        <source>The submitted video</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Y fideo a gyflwynwyd</translation>
    </message>
    <message>
        <source>Video player</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Chwaraewr fideo</translation>
    </message>
</context>
<context>
    <name>ReviewTexts</name>
    <message>
        <source>Still arriving</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dal i gyrraedd</translation>
    </message>
    <message>
        <source>New</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Newydd</translation>
    </message>
    <message>
        <source>Approved</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i gymeradwyo</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gofynnwyd am newidiadau</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i wrthod</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i dynnu&apos;n ôl</translation>
    </message>
    <message>
        <source>Consent expired</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Caniatâd wedi dod i ben</translation>
    </message>
    <message>
        <source>Name</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Job title</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Teitl swydd</translation>
    </message>
    <message>
        <source>Where they work</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ble maen nhw&apos;n gweithio</translation>
    </message>
    <message>
        <source>Yes</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ie</translation>
    </message>
    <message>
        <source>No</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Na</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Voicebooth review</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Adolygu Voicebooth</translation>
    </message>
    <message>
        <source>Signed in as {user} at {server}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi mewngofnodi fel {user} ar {server}</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Heb fewngofnodi</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Adnewyddu (F5)</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Adnewyddu&apos;r rhestr</translation>
    </message>
    <message>
        <source>Download metadata CSV</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llwytho CSV metadata i lawr</translation>
    </message>
    <message>
        <source>Download the metadata of all submissions</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llwytho metadata pob cyflwyniad i lawr</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Allgofnodi</translation>
    </message>
    <message>
        <source>Loads the list again; the chosen submission stays chosen.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn llwytho&apos;r rhestr eto; mae&apos;r cyflwyniad a ddewiswyd yn aros wedi&apos;i ddewis.</translation>
    </message>
    <message>
        <source>Saves a spreadsheet of every received submission, without withdrawn ones.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw taenlen o bob cyflwyniad a dderbyniwyd, heb y rhai a dynnwyd yn ôl.</translation>
    </message>
    <message>
        <source>Ends your sign-in and removes it from this computer (Ctrl+Shift+Q).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dod â&apos;ch mewngofnodi i ben ac yn ei dynnu oddi ar y cyfrifiadur hwn (Ctrl+Shift+Q).</translation>
    </message>
    <message>
        <source>Decide anyway</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Penderfynu beth bynnag</translation>
    </message>
    <message>
        <source>Watch first</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwylio yn gyntaf</translation>
    </message>
    <message>
        <source>Not watched yet</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Heb ei wylio eto</translation>
    </message>
    <message>
        <source>You have not watched answer {numbers} yet. Decide anyway without watching?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid ydych wedi gwylio ateb {numbers} eto. Penderfynu beth bynnag heb wylio?</translation>
    </message>
    <message>
        <source>Save the metadata CSV</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw&apos;r CSV metadata</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ffeiliau CSV (*.csv)</translation>
    </message>
    <message>
        <source>Keys: Alt+Down / Alt+Up next or previous · Alt+N note · Alt+A approve · Alt+C request changes · Alt+R reject · Ctrl+Z undo the decision · Alt+P play or pause · Alt+M comment · Ctrl+F search · F5 refresh · Ctrl+E export</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Bysellau: Alt+I lawr / Alt+I fyny nesaf neu flaenorol · Alt+N nodyn · Alt+A cymeradwyo · Alt+C gofyn am newidiadau · Alt+R gwrthod · Ctrl+Z dadwneud y penderfyniad · Alt+P chwarae neu oedi · Alt+M sylw · Ctrl+F chwilio · F5 adnewyddu · Ctrl+E allforio</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Set by your IT department</source>
        <extracomment>Settings a support worker may change here, in display order. Settings shown read-only (for IT and support calls), in display order.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i osod gan eich adran TG</translation>
    </message>
    <message>
        <source>Suggested by your IT department (you may change it)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i awgrymu gan eich adran TG (gallwch ei newid)</translation>
    </message>
    <message>
        <source>Default</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Diofyn</translation>
    </message>
    <message>
        <source>Set by the campaign</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i osod gan yr ymgyrch</translation>
    </message>
    <message>
        <source>Your setting</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Eich gosodiad chi</translation>
    </message>
    <message>
        <source>Set by the environment for this session</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i osod gan yr amgylchedd ar gyfer y sesiwn hon</translation>
    </message>
    <message>
        <source>Set when Voicebooth was started</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i osod pan ddechreuwyd Voicebooth</translation>
    </message>
    <message>
        <source>Language</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Iaith</translation>
    </message>
    <message>
        <source>Countdown before recording</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyfrif i lawr cyn recordio</translation>
    </message>
    <message>
        <source>Camera</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Meicroffon</translation>
    </message>
    <message>
        <source>Video size</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Maint y fideo</translation>
    </message>
    <message>
        <source>Intake server address</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyfeiriad y gweinydd derbyn</translation>
    </message>
    <message>
        <source>Upload key</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Allwedd lanlwytho</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ymgyrch</translation>
    </message>
    <message>
        <source>Campaign pack</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Pecyn ymgyrch</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dirprwy</translation>
    </message>
    <message>
        <source>Proxy auto-configuration address</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyfeiriad ffurfweddu dirprwy awtomatig</translation>
    </message>
    <message>
        <source>Extra certificate authorities</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Awdurdodau tystysgrif ychwanegol</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ffolder data</translation>
    </message>
    <message>
        <source>Booth mode (shared computer or event stand)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Modd bwth (cyfrifiadur a rennir neu stondin digwyddiad)</translation>
    </message>
    <message>
        <source>Ask &quot;Are you still there?&quot; after (seconds without use)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gofyn &quot;Ydych chi dal yna?&quot; ar ôl (eiliadau heb ddefnydd)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <source>Each setting shows where its value comes from. Settings made by your IT department cannot be changed here.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae pob gosodiad yn dangos o ble daw ei werth. Ni ellir newid gosodiadau a wnaed gan eich adran TG yma.</translation>
    </message>
    <message>
        <source>Save</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cadw&apos;r gosodiadau</translation>
    </message>
    <message>
        <source>Keeps your changes for the next time Voicebooth starts.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cadw eich newidiadau ar gyfer y tro nesaf y bydd Voicebooth yn dechrau.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau heb gadw</translation>
    </message>
    <message>
        <source>Nothing is changed.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Does dim yn cael ei newid.</translation>
    </message>
    <message>
        <source> seconds</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation> eiliad</translation>
    </message>
    <message>
        <source>Off (record at once)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>I ffwrdd (recordio ar unwaith)</translation>
    </message>
    <message>
        <source>Off</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>I ffwrdd</translation>
    </message>
    <message>
        <source>On</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ymlaen</translation>
    </message>
    <message>
        <source>(set)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>(wedi&apos;i gosod)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>(heb ei gosod)</translation>
    </message>
    <message>
        <source>Used from the next time Voicebooth starts.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cael ei ddefnyddio o&apos;r tro nesaf y bydd Voicebooth yn dechrau.</translation>
    </message>
    <message>
        <source>%1 (built in)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>%1 (wedi&apos;i gynnwys)</translation>
    </message>
    <message>
        <source>Your settings could not be saved.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cadw eich gosodiadau.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to review</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mewngofnodi i adolygu</translation>
    </message>
    <message>
        <source>Intake server: {server}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gweinydd derbyn: {server}</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>(heb ei osod)</translation>
    </message>
    <message>
        <source>User name</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Enw defnyddiwr</translation>
    </message>
    <message>
        <source>Password</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cyfrinair</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mewngofnodi</translation>
    </message>
    <message>
        <source>Close review mode</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cau&apos;r modd adolygu</translation>
    </message>
    <message>
        <source>The reviewer account name you were given. Enter moves to the password.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Enw&apos;r cyfrif adolygydd a roddwyd i chi. Mae Enter yn symud i&apos;r cyfrinair.</translation>
    </message>
    <message>
        <source>Enter signs in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae Enter yn mewngofnodi.</translation>
    </message>
    <message>
        <source>Checks your name and password with the intake server.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gwirio eich enw a&apos;ch cyfrinair gyda&apos;r gweinydd derbyn.</translation>
    </message>
    <message>
        <source>Closes review mode without signing in.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cau&apos;r modd adolygu heb fewngofnodi.</translation>
    </message>
    <message>
        <source>This computer has no secure password store, so you will need to sign in again next time you open review mode.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oes gan y cyfrifiadur hwn storfa gyfrineiriau ddiogel, felly bydd angen i chi fewngofnodi eto y tro nesaf y byddwch chi&apos;n agor y modd adolygu.</translation>
    </message>
    <message>
        <source>Enter your user name</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhowch eich enw defnyddiwr</translation>
    </message>
    <message>
        <source>Enter your password</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhowch eich cyfrinair</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn mewngofnodi…</translation>
    </message>
    <message>
        <source>Signing in failed unexpectedly. Please try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Methodd y mewngofnodi yn annisgwyl. Rhowch gynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>StillTherePanel</name>
    <message>
        <source>Are you still there?</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ydych chi dal yna?</translation>
    </message>
    <message>
        <source>Nobody has used Voicebooth for a while. To protect your privacy, everything you entered and recorded will be deleted from this computer, and nothing will be sent, unless you answer.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Does neb wedi defnyddio Voicebooth ers tro. I ddiogelu eich preifatrwydd, caiff popeth a roesoch ac a recordiwyd ei ddileu o&apos;r cyfrifiadur hwn, ac ni chaiff dim ei anfon, oni bai eich bod yn ateb.</translation>
    </message>
    <message>
        <source>Nobody has used Voicebooth for a while, so your details and answers are hidden. Choose Yes to carry on where you were. Nothing is deleted unless you choose to start again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Does neb wedi defnyddio Voicebooth ers tro, felly mae eich manylion a&apos;ch atebion wedi&apos;u cuddio. Dewiswch Ydw i barhau lle&apos;r oeddech chi. Ni chaiff dim ei ddileu oni bai eich bod yn dewis dechrau eto.</translation>
    </message>
    <message>
        <source>Deleting in {time}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dileu ymhen {time}</translation>
    </message>
    <message>
        <source>&amp;Yes, I am still here</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Ydw, rydw i dal yma</translation>
    </message>
    <message>
        <source>Yes, I am still here</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ydw, rydw i dal yma</translation>
    </message>
    <message>
        <source>Carry on where you were. Nothing is deleted.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Parhau lle&apos;r oeddech chi. Ni chaiff dim ei ddileu.</translation>
    </message>
    <message>
        <source>No, &amp;delete and start again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Na, &amp;dileu a dechrau eto</translation>
    </message>
    <message>
        <source>No, delete and start again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Na, dileu a dechrau eto</translation>
    </message>
    <message>
        <source>Deletes the details, consent answers and recordings of this person from this computer. Nothing is sent.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dileu manylion, atebion caniatâd a recordiadau&apos;r person hwn o&apos;r cyfrifiadur hwn. Ni chaiff dim ei anfon.</translation>
    </message>
</context>
<context>
    <name>TakeProblems</name>
    <message>
        <source>We didn&apos;t get any picture from the camera. Check it is connected and not used by another app.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chawsom unrhyw lun o&apos;r camera. Gwiriwch ei fod wedi&apos;i gysylltu ac nad yw ap arall yn ei ddefnyddio.</translation>
    </message>
    <message>
        <source>We didn&apos;t get any sound from the microphone. Check it is connected.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ni chawsom unrhyw sain o&apos;r meicroffon. Gwiriwch ei fod wedi&apos;i gysylltu.</translation>
    </message>
    <message>
        <source>We couldn&apos;t hear you. Check your microphone is not muted.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Doedden ni ddim yn gallu eich clywed. Gwiriwch nad yw eich meicroffon wedi&apos;i dawelu.</translation>
    </message>
    <message>
        <source>The recording is shorter than 3 seconds.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r recordiad yn fyrrach na 3 eiliad.</translation>
    </message>
    <message>
        <source>Some video frames were lost; the video may look jerky.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Collwyd rhai fframiau fideo; efallai y bydd y fideo&apos;n edrych yn herciog.</translation>
    </message>
    <message>
        <source>Your voice was too loud for the microphone and may sound distorted. Try moving back a little.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Roedd eich llais yn rhy uchel i&apos;r meicroffon a gallai swnio&apos;n ystumiedig. Ceisiwch symud yn ôl ychydig.</translation>
    </message>
    <message>
        <source>The sound and the picture stopped at different times. Please check the recording before sending.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopiodd y sain a&apos;r llun ar adegau gwahanol. Gwiriwch y recordiad cyn anfon.</translation>
    </message>
    <message>
        <source>The sound may not match the lips exactly.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Efallai na fydd y sain yn cyd-fynd yn union â&apos;r gwefusau.</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopiodd y camera anfon lluniau.</translation>
    </message>
    <message>
        <source>The microphone stopped sending sound.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Stopiodd y meicroffon anfon sain.</translation>
    </message>
    <message>
        <source>The disk is full, so the recording had to stop. What was recorded is kept.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r ddisg yn llawn, felly bu&apos;n rhaid i&apos;r recordio stopio. Mae&apos;r hyn a recordiwyd wedi&apos;i gadw.</translation>
    </message>
    <message>
        <source>The video could not be saved, so the recording had to stop. What was recorded is kept.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nid oedd modd cadw&apos;r fideo, felly bu&apos;n rhaid i&apos;r recordio stopio. Mae&apos;r hyn a recordiwyd wedi&apos;i gadw.</translation>
    </message>
</context>
<context>
    <name>TrimControl</name>
    <message>
        <source>Drag the start and end handles, or Tab to one and use the arrow keys (Shift+arrow moves a whole second).</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llusgwch y dolenni dechrau a diwedd, neu ewch at un gyda Tab a defnyddio&apos;r bysellau saeth (mae Shift+saeth yn symud eiliad gyfan).</translation>
    </message>
    <message>
        <source>Timeline of your answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Llinell amser eich ateb</translation>
    </message>
    <message>
        <source>Start of your answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dechrau eich ateb</translation>
    </message>
    <message>
        <source>End of your answer</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Diwedd eich ateb</translation>
    </message>
    <message>
        <source>Starts at {time}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dechrau am {time}</translation>
    </message>
    <message>
        <source>Ends at {time}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn gorffen am {time}</translation>
    </message>
    <message>
        <source>First frame kept</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Y ffrâm gyntaf a gedwir</translation>
    </message>
    <message>
        <source>Last frame kept</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Y ffrâm olaf a gedwir</translation>
    </message>
    <message>
        <source>Arrow keys move it a tenth of a second, Shift+arrow a whole second.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r bysellau saeth yn ei symud ddegfed ran o eiliad, Shift+saeth eiliad gyfan.</translation>
    </message>
    <message>
        <source>This answer is too short to trim.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r ateb hwn yn rhy fyr i&apos;w docio.</translation>
    </message>
    <message>
        <source>Your answer will last {length}.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Bydd eich ateb yn para {length}.</translation>
    </message>
</context>
<context>
    <name>VideoPreview</name>
    <message>
        <source>Camera preview</source>
        <extracomment>Frames are shrunk to this width on the capture thread, so the UI thread converts little.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhagolwg camera</translation>
    </message>
    <message>
        <source>What the camera sees, shown like a mirror. The oval shows where to sit.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yr hyn mae&apos;r camera&apos;n ei weld, wedi&apos;i ddangos fel drych. Mae&apos;r hirgrwn yn dangos ble i eistedd.</translation>
    </message>
    <message>
        <source>Starting camera…</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dechrau&apos;r camera…</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Share your experience on video</source>
        <extracomment>Time for everything but the answers (reading, consent, camera check, review): a generous guess.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhannwch eich profiad ar fideo</translation>
    </message>
    <message>
        <source>A video saved when Voicebooth was last closed has now been sent. Reference code: %1</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae fideo a gadwyd pan gaewyd Voicebooth ddiwethaf wedi&apos;i anfon erbyn hyn. Cod cyfeirnod: %1</translation>
    </message>
    <message>
        <source>Language:</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Iaith:</translation>
    </message>
    <message>
        <source>Switch the app to this language</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Newid yr ap i&apos;r iaith hon</translation>
    </message>
    <message>
        <source>Organiser: %1</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Trefnydd: %1</translation>
    </message>
    <message>
        <source>Thank you for taking part in %1. You will answer a few short questions on camera.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Diolch am gymryd rhan yn %1. Byddwch chi&apos;n ateb ychydig o gwestiynau byr ar gamera.</translation>
    </message>
    <message>
        <source>Tell us about yourself, if you want to. Everything is optional.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dywedwch wrthym amdanoch chi&apos;ch hun, os hoffech chi. Mae popeth yn ddewisol.</translation>
    </message>
    <message>
        <source>Read how your video will be used and choose what you agree to.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Darllenwch sut y bydd eich fideo&apos;n cael ei ddefnyddio a dewiswch beth rydych chi&apos;n cytuno iddo.</translation>
    </message>
    <message>
        <source>Check your camera and microphone.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch eich camera a&apos;ch meicroffon.</translation>
    </message>
    <message>
        <source>Answer the questions (%1 in all), up to %2 seconds each. You can watch each answer back and try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Atebwch y cwestiynau (%1 i gyd), hyd at %2 eiliad yr un. Gallwch wylio pob ateb yn ôl a rhoi cynnig arall arni.</translation>
    </message>
    <message>
        <source>Check your answers and send them. You will get a reference code.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwiriwch eich atebion a&apos;u hanfon. Byddwch chi&apos;n cael cod cyfeirnod.</translation>
    </message>
    <message>
        <source>Time needed: about %1 minutes. You can go back at every step.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Amser sydd ei angen: tua %1 munud. Gallwch fynd yn ôl ar bob cam.</translation>
    </message>
    <message>
        <source>Nothing is recorded until you have agreed to it, and nothing is sent until you press Send.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Does dim yn cael ei recordio nes i chi gytuno iddo, a does dim yn cael ei anfon nes i chi bwyso Anfon.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>&amp;Dechrau</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>This submission had already been withdrawn on {when}; its videos had been deleted.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Roedd y cyflwyniad hwn eisoes wedi&apos;i dynnu&apos;n ôl ar {when}; roedd ei fideos wedi&apos;u dileu.</translation>
    </message>
    <message>
        <source>Withdrawn. Its videos were deleted from the server. Remember to delete any copies you exported and take down posts that used them.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedi&apos;i dynnu&apos;n ôl. Cafodd ei fideos eu dileu o&apos;r gweinydd. Cofiwch ddileu unrhyw gopïau a allforiwyd gennych a thynnu i lawr negeseuon a&apos;u defnyddiodd.</translation>
    </message>
    <message>
        <source>Withdraw at the person&apos;s request</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tynnu&apos;n ôl ar gais y person</translation>
    </message>
    <message>
        <source>Reference code: {reference}</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Cod cyfeirnod: {reference}</translation>
    </message>
    <message>
        <source>Do this only when the person in the video asks, for example by giving you this code. It deletes every video of this submission from the server now and for good, and removes the person&apos;s details. It cannot be undone. The code, the consent record and the audit trail are kept.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Gwnewch hyn dim ond pan fydd y person yn y fideo yn gofyn, er enghraifft drwy roi&apos;r cod hwn i chi. Mae&apos;n dileu pob fideo yn y cyflwyniad hwn o&apos;r gweinydd nawr ac am byth, ac yn dileu manylion y person. Does dim modd ei ddadwneud. Cedwir y cod, y cofnod caniatâd a&apos;r trywydd archwilio.</translation>
    </message>
    <message>
        <source>Afterwards, also delete any copies you exported or downloaded, and take down posts that used the video.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Wedyn, dilëwch hefyd unrhyw gopïau a allforiwyd neu a lawrlwythwyd gennych, a thynnwch i lawr negeseuon a ddefnyddiodd y fideo.</translation>
    </message>
    <message>
        <source>Note for the audit trail (needed): how and when the person asked. Please do not write their phone number or e-mail address.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nodyn ar gyfer y trywydd archwilio (angenrheidiol): sut a phryd y gofynnodd y person. Peidiwch ag ysgrifennu ei rif ffôn na&apos;i gyfeiriad e-bost.</translation>
    </message>
    <message>
        <source>For example: phoned the comms team on Monday and read out the code.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Er enghraifft: ffoniodd y tîm cyfathrebu ddydd Llun a darllen y cod.</translation>
    </message>
    <message>
        <source>Note: how the person asked to withdraw</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Nodyn: sut y gofynnodd y person am dynnu&apos;n ôl</translation>
    </message>
    <message>
        <source>Needed. Saved in the audit trail with your name.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Angenrheidiol. Caiff ei gadw yn y trywydd archwilio gyda&apos;ch enw.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Rhoi cynnig arall arni</translation>
    </message>
    <message>
        <source>Withdraw and delete the videos</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tynnu&apos;n ôl a dileu&apos;r fideos</translation>
    </message>
    <message>
        <source>Withdraw and delete the videos for good</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Tynnu&apos;n ôl a dileu&apos;r fideos am byth</translation>
    </message>
    <message>
        <source>Deletes every video of this submission from the server now. No undo.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn dileu pob fideo yn y cyflwyniad hwn o&apos;r gweinydd nawr. Dim dadwneud.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Cancel, keep the videos</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Canslo, cadw&apos;r fideos</translation>
    </message>
    <message>
        <source>Closes this window; nothing is deleted.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn cau&apos;r ffenestr hon; does dim yn cael ei ddileu.</translation>
    </message>
    <message>
        <source>Withdrawing… deleting the videos on the server.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Yn tynnu&apos;n ôl… yn dileu&apos;r fideos ar y gweinydd.</translation>
    </message>
    <message>
        <source>Write a note saying how the person asked, then try again.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ysgrifennwch nodyn yn dweud sut y gofynnodd y person, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>The note is too long. Please keep it under {n} characters.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Mae&apos;r nodyn yn rhy hir. Cadwch ef o dan {n} nod.</translation>
    </message>
    <message>
        <source>{problem} Trying again does no harm.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>{problem} Does dim niwed mewn rhoi cynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>YesNo</name>
    <message>
        <source>Yes</source>
        <extracomment>flow step -&gt; page class; filled by :func:`register_page` as page modules are imported.</extracomment>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Ie</translation>
    </message>
    <message>
        <source>No</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Na</translation>
    </message>
    <message>
        <source>Choose Yes or No. The arrow keys move between the two answers.</source>
        <translatorcomment>machine-drafted: to be reviewed by a Welsh speaker</translatorcomment>
        <translation>Dewiswch Ie neu Na. Mae&apos;r bysellau saeth yn symud rhwng y ddau ateb.</translation>
    </message>
</context>
</TS>
